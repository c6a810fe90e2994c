/// Reads the members of one JSON object for the entry schema, remembering which it has
/// used so that `finish()` can reject unknown fields. Every error names the field path
/// (`donation.amount.currency`). Optional fields are absent, never `null`.
struct FieldReader: FieldReading {
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
    mutating func string(_ key: String, scalarCountMax: Int) throws -> String {
        guard case .string(let text) = try value(key) else { throw typeFailure(key, "a string") }
        try checkLength(key, scalarCount: text.unicodeScalars.count, max: scalarCountMax)
        return text
    }

    mutating func bool(_ key: String) throws -> Bool {
        guard case .bool(let flag) = try value(key) else { throw typeFailure(key, "a boolean") }
        return flag
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int64>) throws -> Int64 {
        guard case .integer(let number) = try value(key) else { throw typeFailure(key, "an integer") }
        try checkRange(key, number, range)
        return number
    }

    mutating func object(_ key: String) throws -> FieldReader {
        try FieldReader(try value(key), path: fieldPath(key))
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
