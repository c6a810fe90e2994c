/// Two signed checkpoints of one log and the RFC 9162 consistency proof between them:
///
///     civicledger.consistency/v1
///     <base64 hash>…            (the proof, one hash a line)
///     <blank line>
///     <older checkpoint note>   (text, blank line, signature lines)
///     <newer checkpoint note>
///
/// Whoever holds the older checkpoint can check, offline, that the newer one extends it.
public struct ConsistencyProofFile: Equatable, Sendable {
    public static let header = "civicledger.consistency/v1"

    public let hashes: [Hash32]
    public let older: SignedNote
    public let newer: SignedNote

    public init(hashes: [Hash32], older: SignedNote, newer: SignedNote) {
        self.hashes = hashes
        self.older = older
        self.newer = newer
    }

    /// The proof between the kept checkpoints at `from` and `to` (default: newest).
    public static func make(reader: any ProofLog, from: UInt64, to: UInt64? = nil) throws -> ConsistencyProofFile {
        let newerSize = to ?? reader.size
        return ConsistencyProofFile(
            hashes: try reader.consistencyProof(from: from, to: newerSize),
            older: try SignedNote.parse(try reader.checkpointBytes(size: from)),
            newer: try SignedNote.parse(try reader.checkpointBytes(size: newerSize)))
    }

    public var text: String {
        ConsistencyProofFile.header + "\n" + hashes.map { $0.base64 + "\n" }.joined() + "\n" + older.serialized + newer.serialized
    }

    public static func parse(_ text: String, name: String = "consistency proof") throws -> ConsistencyProofFile {
        var lines = try TextLines(text, name: name)
        try lines.expect(header, "the consistency-proof header")
        let hashes = try lines.hashes("consistency proof")
        let older = try lines.note("older checkpoint")
        let newer = try lines.note("newer checkpoint")
        guard lines.atEnd else { throw LedgerError(.invalidProof, "\(name): text after the newer checkpoint") }
        return ConsistencyProofFile(hashes: hashes, older: older, newer: newer)
    }

    /// Checks both signatures under `verifiers`, that both are for the same origin, and the
    /// proof; returns both checkpoints. Throws `.invalidProof` on any failure.
    @discardableResult
    public func verify(verifiers: [NoteVerifier]) throws -> (older: Checkpoint, newer: Checkpoint) {
        let first = try ConsistencyProofFile.checked(older, verifiers: verifiers, what: "older checkpoint")
        let second = try ConsistencyProofFile.checked(newer, verifiers: verifiers, what: "newer checkpoint")
        guard first.origin == second.origin else {
            throw LedgerError(.invalidProof, "the checkpoints are for different logs (\(first.origin), \(second.origin))")
        }
        let limit = UInt64(StoredHashes.maxTreeSize)
        guard first.size <= limit, second.size <= limit else { throw LedgerError(.invalidProof, "tree size out of range") }
        try MerkleProof.verifyConsistency(size1: Int64(first.size), size2: Int64(second.size), proof: hashes,
                                          root1: first.root, root2: second.root)
        return (first, second)
    }

    static func checked(_ note: SignedNote, verifiers: [NoteVerifier], what: String) throws -> Checkpoint {
        do {
            try note.verify(verifiers)
            let checkpoint = try Checkpoint(text: note.text)
            guard verifiers.contains(where: { $0.name == checkpoint.origin }) else {
                throw LedgerError(.invalidProof, "origin \(checkpoint.origin) is not the name of a trusted key")
            }
            return checkpoint
        } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "\(what): \(error.message)")
        }
    }
}
