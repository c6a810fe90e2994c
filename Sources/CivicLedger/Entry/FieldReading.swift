/// What the entry schema needs from a reader of one JSON object's members. Two readers
/// implement it: `FieldReader` over a `JSONValue` tree (writer input and the reference
/// decoder) and `TapeFieldReader` over the bytes of a stored canonical entry. The schema
/// (`EntryBody`, `Payload` and its cases) is written once against this protocol, so both
/// paths ask for the same fields in the same order and fail with the same messages.
protocol FieldReading {
    /// The object's path for messages (`donation.amount`); empty at the top level.
    var path: String { get set }
    /// Whether the object has member `key` (does not count as using it).
    func has(_ key: String) -> Bool
    /// A string member of 1…`scalarCountMax` Unicode scalars.
    mutating func string(_ key: String, scalarCountMax: Int) throws -> String
    mutating func bool(_ key: String) throws -> Bool
    mutating func integer(_ key: String, in range: ClosedRange<Int64>) throws -> Int64
    mutating func object(_ key: String) throws -> Self
    /// Rejects any member that no call asked for, naming the first in RFC 8785 order.
    func finish() throws
    /// A string member that must be the raw value of a case of `Value`.
    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) throws -> Value
    where Value.RawValue == String
    /// A value date `YYYY-MM-DD`; with `writable`, also inside `CivilDate.writable`.
    mutating func date(_ key: String, writable: Bool) throws -> CivilDate
    /// A SHA-256 digest written as 64 lower-case hex digits.
    mutating func digest(_ key: String) throws -> Hash32
}

extension FieldReading {
    func fieldPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func failure(_ key: String, _ what: String) -> LedgerError {
        LedgerError(.invalidEntry, "\(fieldPath(key)): \(what)")
    }

    /// The length rule of every string field, given its count of Unicode scalars.
    func checkLength(_ key: String, scalarCount count: Int, max scalarCountMax: Int) throws {
        guard count > 0 else { throw failure(key, "must not be empty") }
        guard count <= scalarCountMax else {
            throw failure(key, "\(count) characters exceed the limit of \(scalarCountMax)")
        }
    }

    func checkRange(_ key: String, _ number: Int64, _ range: ClosedRange<Int64>) throws {
        guard range.contains(number) else {
            throw failure(key, "is outside \(range.lowerBound)…\(range.upperBound)")
        }
    }

    mutating func string(_ key: String) throws -> String {
        try string(key, scalarCountMax: EntryLimits.stringScalarCountMax)
    }

    mutating func optionalString(_ key: String, scalarCountMax: Int = EntryLimits.stringScalarCountMax) throws -> String? {
        guard has(key) else { return nil }
        return try string(key, scalarCountMax: scalarCountMax)
    }

    /// A marker field such as `"anonymous": true`, whose only allowed value is `true`.
    mutating func trueMarker(_ key: String) throws {
        guard try bool(key) else { throw failure(key, "must be true when present") }
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) throws -> Value
    where Value.RawValue == String {
        try stringEnumeration(key, as: type)
    }

    /// The reference reading of `enumeration`, through a `String`: a reader's faster
    /// reading must give what this gives, and falls back to it for anything unusual.
    mutating func stringEnumeration<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) throws -> Value
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

    mutating func date(_ key: String, writable: Bool) throws -> CivilDate {
        try stringDate(key, writable: writable)
    }

    /// The reference reading of `date`, through a `String` (see `stringEnumeration`).
    mutating func stringDate(_ key: String, writable: Bool) throws -> CivilDate {
        let text = try string(key)
        guard let date = CivilDate(text) else { throw failure(key, CivilDate.problem(text) ?? "is not a date YYYY-MM-DD") }
        if writable, let problem = date.writableProblem { throw failure(key, problem) }
        return date
    }

    mutating func digest(_ key: String) throws -> Hash32 {
        try hexDigest(key)
    }

    /// The reference reading of `digest`, through a `String` (see `stringEnumeration`).
    mutating func hexDigest(_ key: String) throws -> Hash32 {
        let text = try string(key, check: EntrySyntax.digestHexProblem)
        guard let digest = Hash32(hex: text) else { preconditionFailure("64 hex digits are 32 bytes") }
        return digest
    }

    /// A fund code, which has the syntax of an entry id.
    mutating func fundCode(_ key: String) throws -> String {
        try string(key, check: EntrySyntax.idProblem)
    }

    mutating func currency(_ key: String) throws -> Currency {
        let code = try string(key)
        do { return try Currency.named(code) } catch let error as LedgerError { throw failure(key, error.message) }
    }
}
