/// What the writer supplies for an entry: `kind`, `id`, `date`, optional `memo` and the
/// kind's fields. The ledger adds `v`, `seq`, `prev`, `time` (and `sig` for `key`).
public struct EntryBody: Equatable, Sendable {
    /// Fields the ledger assigns; a writer may not supply them.
    public static let ledgerFieldNames = ["v", "seq", "prev", "time", "sig"]

    /// The idempotency key: 1…128 characters of `A-Z a-z 0-9 . _ : -`.
    public let id: String
    /// The value date.
    public let date: CivilDate
    public let memo: String?
    public let payload: Payload

    public var kind: EntryKind { payload.kind }

    /// Reads one JSON Lines import object: exactly the writer's fields, schema-valid.
    public init(writerJSON: JSONValue) throws {
        var reader = try FieldReader(writerJSON, path: "")
        try self.init(writerFields: &reader)
    }

    /// Reads one JSON Lines line (without its newline) in place: one forward scan records
    /// where each member is (`CanonicalTape`) and the schema reads typed values from the
    /// bytes, with no `JSONValue` tree. Accepts, refuses and reads exactly as
    /// `EntryBody(writerJSON: CanonicalJSON.parse(line))` (the writer differential test
    /// and the `writer` fuzz target compare them); a line the tape cannot decide alone
    /// (an escaped or non-ASCII key, a very large object) goes through the tree.
    public init(writerLine line: [UInt8]) throws {
        try CanonicalJSON.checkSize(line)
        do {
            self = try line.withUnsafeBufferPointer { buffer in
                try withUnsafeTemporaryAllocation(of: CanonicalTape.Slot.self, capacity: CanonicalTape.capacity(byteCount: buffer.count)) { slots in
                    var tape = CanonicalTape(slots: slots)
                    var parser = JSONParser(buffer)
                    try parser.scanTape(into: &tape)
                    var reader = try TapeFieldReader(root: tape, bytes: buffer)
                    return try EntryBody(writerFields: &reader)
                }
            }
        } catch is CanonicalTape.NeedsTreeParser {
            try self.init(writerJSON: CanonicalJSON.parse(line))
        }
    }

    /// The writer's fields and nothing else, including no field the ledger assigns.
    private init(writerFields reader: inout some FieldReading) throws {
        for name in EntryBody.ledgerFieldNames where reader.has(name) {
            throw reader.failure(name, "assigned by the ledger; not allowed in writer JSON")
        }
        try self.init(reading: &reader, stored: false)
        try reader.finish()
    }

    /// Reads the writer's fields from `reader`, leaving the caller to call `finish()`.
    init(reading reader: inout some FieldReading, stored: Bool) throws {
        let kind = try reader.enumeration("kind", as: EntryKind.self)
        id = try reader.string("id", check: EntrySyntax.idProblem)
        date = try reader.date("date", writable: !stored)
        memo = try reader.optionalString("memo", scalarCountMax: EntryLimits.memoScalarCountMax)
        reader.path = kind.rawValue
        payload = try Payload.read(kind: kind, from: &reader, stored: stored)
        assert(payload.kind == kind, "the payload matches its kind")
    }

    init(id: String, date: CivilDate, memo: String?, payload: Payload) {
        self.id = id
        self.date = date
        self.memo = memo
        self.payload = payload
    }

    /// The writer's JSON object; `EntryBody(writerJSON: body.writerJSON()) == body`
    /// except that a key rotation's signature is left out.
    public func writerJSON() -> JSONValue {
        .object(fields(includingSignature: false))
    }

    func fields(includingSignature: Bool) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["kind": .string(kind.rawValue), "id": .string(id), "date": .string(date.text)]
        if let memo { fields["memo"] = .string(memo) }
        payload.write(into: &fields, includingSignature: includingSignature)
        return fields
    }
}
