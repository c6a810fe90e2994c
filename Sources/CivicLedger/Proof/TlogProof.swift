/// A C2SP tlog-proof (`c2sp.org/tlog-proof@v1`): an entry's index, its RFC 9162 inclusion
/// proof, and the signed checkpoint it leads to, verifiable offline with the entry's bytes.
public struct TlogProof: Equatable, Sendable {
    public static let header = "c2sp.org/tlog-proof@v1"

    public let extra: [UInt8]?
    public let index: UInt64
    public let hashes: [Hash32]
    public let checkpoint: SignedNote

    public init(extra: [UInt8]? = nil, index: UInt64, hashes: [Hash32], checkpoint: SignedNote) {
        self.extra = extra
        self.index = index
        self.hashes = hashes
        self.checkpoint = checkpoint
    }

    /// The proof for entry `seq` against the kept checkpoint at `size` (default: newest).
    /// When the tree holds `key` entries, `extra` carries them with their inclusion proofs
    /// (`KeyChainProof`), so a verifier pinning the first key can follow the rotations.
    public static func make(reader: some ProvableLog, seq: UInt64, size: UInt64? = nil) throws -> TlogProof {
        let treeSize = size ?? reader.size
        let note = try SignedNote.parse(try reader.checkpointBytes(size: treeSize))
        let keys = try KeyChainProof.make(reader: reader, treeSize: treeSize)
        return TlogProof(extra: keys.map { Array($0.text.utf8) }, index: seq,
                         hashes: try reader.inclusionProof(seq: seq, treeSize: treeSize), checkpoint: note)
    }

    public var text: String {
        var text = TlogProof.header + "\n"
        if let extra { text += "extra " + Base64.encode(extra) + "\n" }
        text += "index \(index)\n" + hashes.map { $0.base64 + "\n" }.joined()
        return text + "\n" + checkpoint.serialized
    }

    public static func parse(_ text: String, name: String = "proof") throws -> TlogProof {
        var lines = try TextLines(text, name: name)
        let proof = try parse(&lines)
        guard lines.atEnd else { throw LedgerError(.invalidProof, "\(name): text after the checkpoint's signatures") }
        return proof
    }

    static func parse(_ lines: inout TextLines) throws -> TlogProof {
        try lines.expect(header, "the tlog-proof header")
        var extra: [UInt8]?
        if let line = lines.peek(), line.hasPrefix("extra ") {
            guard let bytes = Base64.decode(String(try lines.next("extra").dropFirst(6))) else {
                throw LedgerError(.invalidProof, "\(lines.name): extra is not base64")
            }
            extra = bytes
        }
        let indexLine = try lines.next("index")
        guard indexLine.hasPrefix("index "), let index = UInt64(indexLine.dropFirst(6)), String(index) == indexLine.dropFirst(6) else {
            throw LedgerError(.invalidProof, "\(lines.name): expected \"index N\" in decimal without leading zeros")
        }
        let hashes = try lines.hashes("inclusion proof")
        return TlogProof(extra: extra, index: index, hashes: hashes, checkpoint: try lines.note("checkpoint"))
    }

    /// Checks the checkpoint's signature and the inclusion of `leafHash` at `index`;
    /// returns the checkpoint. `verifiers` holds the pinned first key; the key entries in
    /// `extra` are followed from it, and the checkpoint must be signed by the key in force
    /// at its size. Throws `.invalidProof` on any failure.
    @discardableResult
    public func verify(leafHash: Hash32, verifiers: [NoteVerifier]) throws -> Checkpoint {
        guard verifiers.count == 1 else {
            // Hostile callers (a fuzzer, a library user) must get an error, never a trap.
            throw LedgerError(.invalidProof, "a proof is verified from exactly one pinned verifier key (later keys are followed through key entries)")
        }
        let parsed: Checkpoint
        do { parsed = try Checkpoint(text: checkpoint.text) } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "checkpoint: \(error.message)")
        }
        guard verifiers[0].name == parsed.origin else {
            throw LedgerError(.invalidProof, "checkpoint origin \(parsed.origin) is not the name of a trusted key")
        }
        guard parsed.size <= UInt64(StoredHashes.maxTreeSize) else { throw LedgerError(.invalidProof, "checkpoint size out of range") }
        let chain = try extra.map { try KeyChainProof.parse($0).chain(pinned: verifiers[0], checkpoint: parsed) }
            ?? KeyChain(pinned: verifiers[0])
        do { try chain.check(checkpoint, size: parsed.size) } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "checkpoint: \(error.message)")
        }
        try MerkleProof.verifyInclusion(leafHash: leafHash, index: Int64(clamping: index), treeSize: Int64(parsed.size),
                                        proof: hashes, root: parsed.root)
        return parsed
    }
}
