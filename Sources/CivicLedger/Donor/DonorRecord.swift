/// A donor's private record: the personal data behind a pseudonymous `ref` and the salt
/// that hides it. Only `ref` and `commitment` ever appear in the public log; the record
/// itself lives in the ledger's private side store (`DonorStore`) and in the donor's own
/// copy (Ledger/SPEC.md, "Private donor records").
///
/// The canonical form is the RFC 8785 JSON object `{"contact"?, "name", "ref", "salt"}`;
/// `commitment` is the lower-case hex SHA-256 of those bytes, so anyone holding the
/// record can recompute it and compare it with a donation's `commitment`.
public struct DonorRecord: Equatable, Sendable {
    /// Random bytes in a salt (64 hex digits in the record).
    public static let saltByteCount = 32
    /// `name` and `contact`: at most this many Unicode scalars.
    public static let textScalarCountMax = 200
    /// The largest record file accepted by `parse`, in bytes.
    public static let byteCountMax = 4096

    /// The pseudonymous reference used in entries: the syntax of an entry id.
    public let ref: String
    /// The donor's name: 1…200 Unicode scalars.
    public let name: String
    /// How to reach the donor: 1…200 Unicode scalars, or absent.
    public let contact: String?
    /// 64 lower-case hex digits (32 random bytes).
    public let salt: String

    /// A record with a given salt; throws when any field breaks the rules above.
    public init(ref: String, name: String, contact: String?, salt: String) throws {
        if let problem = DonorRecord.refProblem(ref) {
            throw LedgerError(.invalidEntry, "donor ref: \(problem)")
        }
        if let problem = DonorRecord.textProblem(name) {
            throw LedgerError(.invalidEntry, "donor \(ref): name \(problem)")
        }
        if let contact, let problem = DonorRecord.textProblem(contact) {
            throw LedgerError(.invalidEntry, "donor \(ref): contact \(problem)")
        }
        if let problem = EntrySyntax.digestHexProblem(salt) {
            throw LedgerError(.invalidEntry, "donor \(ref): salt \(problem)")
        }
        self.ref = ref
        self.name = name
        self.contact = contact
        self.salt = salt
    }

    /// A new record with a fresh 32-byte salt from the secure random generator.
    public static func generate(ref: String, name: String, contact: String?) throws -> DonorRecord {
        var saltBytes = try SecureRandom.bytes(saltByteCount)
        defer { saltBytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        return try DonorRecord(ref: ref, name: name, contact: contact, salt: Hex.encode(saltBytes))
    }

    /// The RFC 8785 canonical JSON of the record: the bytes the commitment hashes.
    public func canonicalBytes() -> [UInt8] {
        var fields: [String: JSONValue] = ["ref": .string(ref), "name": .string(name), "salt": .string(salt)]
        if let contact { fields["contact"] = .string(contact) }
        return CanonicalJSON.encode(.object(fields))
    }

    /// Lower-case hex SHA-256 of `canonicalBytes()`: what a donation's `commitment` holds.
    public var commitment: String {
        var bytes = canonicalBytes()
        defer { bytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        return SHA256.hash(bytes).hex
    }

    /// True when `commitment` is this record's commitment (64 lower-case hex digits).
    public func verify(commitment: String) -> Bool {
        let own = Array(self.commitment.utf8)
        let other = Array(commitment.utf8)
        guard own.count == other.count else { return false }
        return zip(own, other).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Parses a record file strictly: canonical RFC 8785 JSON of exactly the known fields,
    /// optionally followed by one line feed (the form `civic donor show` prints).
    public static func parse(_ bytes: [UInt8]) throws -> DonorRecord {
        guard bytes.count <= byteCountMax else {
            throw LedgerError(.invalidEntry, "donor record: \(bytes.count) bytes exceed the limit of \(byteCountMax)")
        }
        let json = bytes.last == 0x0a ? Array(bytes.dropLast()) : bytes
        let value: JSONValue
        do { value = try CanonicalJSON.parseCanonical(json) } catch let error as LedgerError {
            throw LedgerError(error.code, "donor record: \(error.message)")
        }
        var reader = try FieldReader(value, path: "donor record")
        let ref = try reader.string("ref", scalarCountMax: EntryLimits.idByteCountMax)
        let name = try reader.string("name", scalarCountMax: textScalarCountMax)
        let contact = try reader.optionalString("contact", scalarCountMax: textScalarCountMax)
        let salt = try reader.string("salt")
        try reader.finish()
        return try DonorRecord(ref: ref, name: name, contact: contact, salt: salt)
    }

    /// Why `ref` cannot be a donor reference, or nil. A ref has the syntax of an entry id
    /// and, because it is public, must not carry a mobile or resident identity number.
    public static func refProblem(_ ref: String) -> String? {
        if let problem = EntrySyntax.idProblem(ref) { return problem }
        if let kind = PersonalDataScanner.problem(in: ref) {
            return "looks like \(kind); a ref is public, use a pseudonym"
        }
        return nil
    }

    private static func textProblem(_ text: String) -> String? {
        let count = text.unicodeScalars.count
        if count == 0 { return "must not be empty" }
        if count > textScalarCountMax { return "has \(count) characters, over the limit of \(textScalarCountMax)" }
        return nil
    }
}
