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

    /// Checks both signatures, that both checkpoints are of `pinned`'s origin, and the proof;
    /// returns both checkpoints. `pinned` is the log's first key; `keys`, the key chain proof
    /// of the newer checkpoint's tree (`KeyChainProof`), is followed from it, and each
    /// checkpoint must be signed by the key in force at its own size (so a retired key
    /// signing past its retirement fails). The chain is proven in the newer tree; once the
    /// consistency proof holds the older tree is its prefix, so the same chain names the key
    /// in force at the older size. Throws `.invalidProof` on any failure.
    @discardableResult
    public func verify(pinned: NoteVerifier, keys: KeyChainProof? = nil) throws -> (older: Checkpoint, newer: Checkpoint) {
        let first = try ConsistencyProofFile.checkpoint(older, origin: pinned.name, what: "older checkpoint")
        let second = try ConsistencyProofFile.checkpoint(newer, origin: pinned.name, what: "newer checkpoint")
        let limit = UInt64(StoredHashes.maxTreeSize)
        guard first.size <= limit, second.size <= limit else { throw LedgerError(.invalidProof, "tree size out of range") }
        let chain = try keys.map { try $0.chain(pinned: pinned, checkpoint: second) } ?? KeyChain(pinned: pinned)
        for (note, size, what) in [(older, first.size, "older checkpoint"), (newer, second.size, "newer checkpoint")] {
            do { try chain.check(note, size: size) } catch let error as LedgerError {
                throw LedgerError(.invalidProof, "\(what): \(error.message)")
            }
        }
        try MerkleProof.verifyConsistency(size1: Int64(first.size), size2: Int64(second.size), proof: hashes,
                                          root1: first.root, root2: second.root)
        return (first, second)
    }

    static func checkpoint(_ note: SignedNote, origin: String, what: String) throws -> Checkpoint {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(text: note.text) } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "\(what): \(error.message)")
        }
        guard checkpoint.origin == origin else {
            throw LedgerError(.invalidProof, "\(what): origin \(checkpoint.origin) is not the name of the trusted key, \(origin)")
        }
        return checkpoint
    }
}
