/// One ledger entry: the writer's body plus the fields the ledger assigns. Its canonical
/// RFC 8785 bytes are the Merkle leaf; they are computed once and never re-serialised.
public struct Entry: Equatable, Sendable {
    public static let formatVersion = 1
    /// The domain separator that starts the message a `key` entry's `sig` signs.
    public static let keyRotationContext = "CivicLedger key rotation v1\n"
    /// The domain separator that starts the message a `key` entry's `new_sig` signs.
    public static let keyPossessionContext = "CivicLedger key possession v1\n"

    public let seq: UInt64
    /// The leaf hash of entry `seq-1`; all zero for entry 0.
    public let prev: Hash32
    /// When the ledger recorded the entry: RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public let time: String
    public let body: EntryBody
    private let bytes: [UInt8]

    /// Throws if `seq` exceeds 2^53−1, `time` is malformed, or the entry exceeds 16 KiB.
    public init(seq: UInt64, prev: Hash32, time: String, body: EntryBody) throws {
        guard seq <= UInt64(JSONValue.integerMagnitudeMax) else {
            throw LedgerError(.invalidEntry, "seq \(seq) exceeds 2^53−1")
        }
        if let problem = EntrySyntax.timeProblem(time) { throw LedgerError(.invalidEntry, "time: \(problem)") }
        self.seq = seq
        self.prev = prev
        self.time = time
        self.body = body
        self.bytes = CanonicalJSON.encode(Entry.object(seq: seq, prev: prev, time: time, body: body, signed: true))
        guard bytes.count <= EntryLimits.entryByteCountMax else {
            throw LedgerError(.invalidEntry, "entry \(body.id) is \(bytes.count) bytes, over the limit of \(EntryLimits.entryByteCountMax)")
        }
    }

    /// Decodes stored bytes: canonical JSON only, at most 16 KiB, schema-valid. One forward
    /// scan checks canonical form and records where each member is (`CanonicalTape`); the
    /// schema then reads typed values from the bytes in place (`TapeFieldReader`).
    public static func decode(_ bytes: [UInt8]) throws -> Entry {
        try checkSize(bytes)
        do {
            return try decodeInPlace(bytes)
        } catch is CanonicalTape.NeedsTreeParser {
            return try decodeViaTree(bytes)
        }
    }

    private static func decodeInPlace(_ bytes: [UInt8]) throws -> Entry {
        try bytes.withUnsafeBufferPointer { buffer in
            try withUnsafeTemporaryAllocation(of: CanonicalTape.Slot.self, capacity: CanonicalTape.capacity(byteCount: buffer.count)) { slots in
                var tape = CanonicalTape(slots: slots)
                var parser = JSONParser(buffer, canonical: true)
                try parser.scanTape(into: &tape)
                var reader = try TapeFieldReader(root: tape, bytes: buffer)
                return try decode(fields: &reader, bytes: bytes)
            }
        }
    }

    /// The reference decoder: builds a `JSONValue` tree with `CanonicalJSON.parseCanonical`
    /// and reads it with `FieldReader`. Kept so the differential test and fuzz target can
    /// require that `decode` accepts, refuses and decodes exactly as it does.
    public static func decodeViaTree(_ bytes: [UInt8]) throws -> Entry {
        try checkSize(bytes)
        var reader = try FieldReader(try CanonicalJSON.parseCanonical(bytes), path: "")
        return try decode(fields: &reader, bytes: bytes)
    }

    private static func checkSize(_ bytes: [UInt8]) throws {
        guard bytes.count <= EntryLimits.entryByteCountMax else {
            throw LedgerError(.invalidEntry, "entry is \(bytes.count) bytes, over the limit of \(EntryLimits.entryByteCountMax)")
        }
    }

    private static func decode(fields reader: inout some FieldReading, bytes: [UInt8]) throws -> Entry {
        let version = try reader.integer("v", in: 0...JSONValue.integerMagnitudeMax)
        guard version == formatVersion else { throw reader.failure("v", "unsupported format version \(version)") }
        let seq = UInt64(try reader.integer("seq", in: 0...JSONValue.integerMagnitudeMax))
        let prev = try reader.digest("prev")
        let time = try reader.string("time", check: EntrySyntax.timeProblem)
        let body = try EntryBody(reading: &reader, stored: true)
        try reader.finish()
        return Entry(seq: seq, prev: prev, time: time, body: body, verifiedBytes: bytes)
    }

    private init(seq: UInt64, prev: Hash32, time: String, body: EntryBody, verifiedBytes: [UInt8]) {
        self.seq = seq
        self.prev = prev
        self.time = time
        self.body = body
        self.bytes = verifiedBytes
    }

    /// The entry as stored: canonical JSON of the writer's fields plus `v`, `seq`,
    /// `prev` (64 lower-case hex digits) and `time`.
    public func canonicalBytes() -> [UInt8] {
        bytes
    }

    /// For a `key` entry, the bytes the old key signs: `keyRotationContext` followed by
    /// the canonical entry without `sig` and `new_sig`. Nil for other kinds.
    public func keyRotationMessage() -> [UInt8]? {
        keyMessage(context: Entry.keyRotationContext)
    }

    /// For a `key` entry, the bytes the new key signs: `keyPossessionContext` followed by
    /// the same canonical entry without `sig` and `new_sig`. Nil for other kinds.
    public func keyPossessionMessage() -> [UInt8]? {
        keyMessage(context: Entry.keyPossessionContext)
    }

    private func keyMessage(context: String) -> [UInt8]? {
        guard body.kind == .key else { return nil }
        let unsigned = Entry.object(seq: seq, prev: prev, time: time, body: body, signed: false)
        return Array(context.utf8) + CanonicalJSON.encode(unsigned)
    }

    /// True for a `key` entry that still needs `withKeySignatures` before it is stored.
    public var awaitsKeySignature: Bool {
        body.kind == .key && body.payload.keyRotation?.signature == nil
    }

    /// The same `key` entry carrying the old key's and the new key's 64-byte signatures.
    public func withKeySignatures(old signature: [UInt8], new newKeySignature: [UInt8]) throws -> Entry {
        guard let rotation = body.payload.keyRotation else {
            throw LedgerError(.invalidEntry, "entry \(body.id): only a key entry carries a signature")
        }
        for bytes in [signature, newKeySignature] where bytes.count != Ed25519.signatureByteCount {
            throw LedgerError(.invalidEntry, "entry \(body.id): a key signature is 64 bytes, not \(bytes.count)")
        }
        let payload = Payload.key(Payload.KeyRotation(vkey: rotation.vkey, signature: signature, newKeySignature: newKeySignature))
        let signed = EntryBody(id: body.id, date: body.date, memo: body.memo, payload: payload)
        return try Entry(seq: seq, prev: prev, time: time, body: signed)
    }

    private static func object(seq: UInt64, prev: Hash32, time: String, body: EntryBody, signed: Bool) -> JSONValue {
        var fields = body.fields(includingSignature: signed)
        fields["v"] = .integer(Int64(formatVersion))
        fields["seq"] = .integer(Int64(seq))
        fields["prev"] = .string(prev.hex)
        fields["time"] = .string(time)
        return .object(fields)
    }
}
