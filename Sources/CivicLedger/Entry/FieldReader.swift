/// Reads the members of one JSON object for the entry schema, remembering which it has
/// used so that `finish()` can reject unknown fields. Every error names the field path
/// (`donation.amount.currency`). Optional fields are absent, never `null`.
struct FieldReader {
    var path: String
    private let fields: [String: JSONValue]
    private var used: Set<String> = []

    init(_ value: JSONValue, path: String) throws {
        guard case .object(let fields) = value else {
            throw LedgerError(.invalidEntry, "\(path.isEmpty ? "entry" : path): expected an object, found \(value.typeName)")
        }
        self.fields = fields
        self.path = path
    }

    func fieldPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func failure(_ key: String, _ what: String) -> LedgerError {
        LedgerError(.invalidEntry, "\(fieldPath(key)): \(what)")
    }

    func has(_ key: String) -> Bool {
        fields[key] != nil
    }

    mutating func optionalValue(_ key: String) -> JSONValue? {
        guard let value = fields[key] else { return nil }
        used.insert(key)
        return value
    }

    mutating func value(_ key: String) throws -> JSONValue {
        guard let value = optionalValue(key) else { throw failure(key, "required field is missing") }
        return value
    }

    /// A string of 1…`scalarCountMax` Unicode scalars.
    mutating func string(_ key: String, scalarCountMax: Int = EntryLimits.stringScalarCountMax) throws -> String {
        guard case .string(let text) = try value(key) else { throw typeFailure(key, "a string") }
        let count = text.unicodeScalars.count
        guard count > 0 else { throw failure(key, "must not be empty") }
        guard count <= scalarCountMax else {
            throw failure(key, "\(count) characters exceed the limit of \(scalarCountMax)")
        }
        return text
    }

    mutating func optionalString(_ key: String, scalarCountMax: Int = EntryLimits.stringScalarCountMax) throws -> String? {
        guard has(key) else { return nil }
        return try string(key, scalarCountMax: scalarCountMax)
    }

    mutating func bool(_ key: String) throws -> Bool {
        guard case .bool(let flag) = try value(key) else { throw typeFailure(key, "a boolean") }
        return flag
    }

    /// A marker field such as `"anonymous": true`, whose only allowed value is `true`.
    mutating func trueMarker(_ key: String) throws {
        guard try bool(key) else { throw failure(key, "must be true when present") }
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int64>) throws -> Int64 {
        guard case .integer(let number) = try value(key) else { throw typeFailure(key, "an integer") }
        guard range.contains(number) else {
            throw failure(key, "is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    mutating func object(_ key: String) throws -> FieldReader {
        try FieldReader(try value(key), path: fieldPath(key))
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) throws -> Value
    where Value.RawValue == String {
        let text = try string(key)
        guard let result = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure(key, "is not one of \(allowed)")
        }
        return result
    }

    mutating func optionalEnumeration<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) throws -> Value?
    where Value.RawValue == String {
        guard has(key) else { return nil }
        return try enumeration(key, as: type)
    }

    mutating func money(_ key: String) throws -> Money {
        var reader = try object(key)
        let value = try reader.integer("value", in: Int64.min...Int64.max)
        let code = try reader.string("currency")
        try reader.finish()
        let currency: Currency
        do { currency = try Currency.named(code) } catch let error as LedgerError {
            throw reader.failure("currency", error.message)
        }
        do { return try Money(value: value, currency: currency) } catch let error as LedgerError {
            throw reader.failure("value", error.message)
        }
    }

    mutating func optionalMoney(_ key: String) throws -> Money? {
        guard has(key) else { return nil }
        return try money(key)
    }

    /// Rejects any member that no `value(_:)` call asked for.
    func finish() throws {
        guard used.count < fields.count else { return }
        let unknown = fields.keys.filter { !used.contains($0) }.sorted { CanonicalJSONWriter.precedes($0, $1) }
        throw failure(PersonalData.quotableName(unknown[0]), "unknown field")
    }

    private func typeFailure(_ key: String, _ expected: String) -> LedgerError {
        failure(key, "expected \(expected), found \(fields[key]?.typeName ?? "nothing")")
    }
}

extension FieldReader {
    /// A string that must also pass `check`, which returns a reason when it does not.
    mutating func string(_ key: String, check: (String) -> String?) throws -> String {
        let text = try string(key)
        if let problem = check(text) { throw failure(key, problem) }
        return text
    }

    mutating func optionalString(_ key: String, check: (String) -> String?) throws -> String? {
        guard has(key) else { return nil }
        return try string(key, check: check)
    }

    /// A value date `YYYY-MM-DD`; with `writable`, also inside `CivilDate.writable`.
    mutating func date(_ key: String, writable: Bool) throws -> CivilDate {
        let text = try string(key)
        guard let date = CivilDate(text) else { throw failure(key, CivilDate.problem(text) ?? "is not a date YYYY-MM-DD") }
        if writable, let problem = date.writableProblem { throw failure(key, problem) }
        return date
    }

    /// A fund code, which has the syntax of an entry id.
    mutating func fundCode(_ key: String) throws -> String {
        try string(key, check: EntrySyntax.idProblem)
    }
}
