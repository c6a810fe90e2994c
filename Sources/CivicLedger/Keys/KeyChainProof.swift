/// The `key` entries of a tree with their inclusion proofs in it, so a verifier holding
/// only the pinned first key can follow every rotation up to a checkpoint offline. Carried
/// base64-encoded in a tlog-proof's `extra` line (and so in receipts):
///
///     civicledger.keys/v1
///     key <a key entry's exact canonical bytes>
///     <its inclusion proof, base64, one hash a line>
///     <blank line>
///     … one block per key entry below the checkpoint's size, in log order
public struct KeyChainProof: Equatable, Sendable {
    public static let header = "civicledger.keys/v1"
    static let label = "key"

    public struct Item: Equatable, Sendable {
        public let entry: [UInt8]
        public let proof: [Hash32]
    }

    public let items: [Item]

    /// Every key entry of the tree of `size` with its inclusion proof; nil when there is none.
    public static func make(reader: some ProvableLog, treeSize: UInt64) throws -> KeyChainProof? {
        let found = try reader.keyEntries(below: treeSize)
        guard !found.isEmpty else { return nil }
        return KeyChainProof(items: try found.map { entry, bytes in
            Item(entry: bytes, proof: try reader.inclusionProof(seq: entry.seq, treeSize: treeSize))
        })
    }

    public var text: String {
        KeyChainProof.header + "\n" + items.map { item in
            KeyChainProof.label + " " + String(decoding: item.entry, as: UTF8.self) + "\n"
                + item.proof.map { $0.base64 + "\n" }.joined() + "\n"
        }.joined()
    }

    public static func parse(_ bytes: [UInt8]) throws -> KeyChainProof {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError(.invalidProof, "key chain: not UTF-8 text")
        }
        var lines = try TextLines(text, name: "key chain")
        try lines.expect(header, "the key chain header")
        var items: [Item] = []
        while !lines.atEnd {
            let line = try lines.next(label)
            guard line.hasPrefix(label + " ") else { throw LedgerError(.invalidProof, "key chain: expected a key line") }
            items.append(Item(entry: Array(line.dropFirst(label.count + 1).utf8), proof: try lines.hashes("key entry inclusion proof")))
        }
        guard !items.isEmpty else { throw LedgerError(.invalidProof, "key chain: no key entry") }
        return KeyChainProof(items: items)
    }

    /// Follows the key entries from `pinned`, each decoded strictly, a `key` entry below the
    /// checkpoint's size and proven in its tree; returns the chain. Throws `.invalidProof`.
    public func chain(pinned: NoteVerifier, checkpoint: Checkpoint) throws -> KeyChain {
        var chain = KeyChain(pinned: pinned)
        for item in items {
            let entry: Entry
            do { entry = try Entry.decode(item.entry) } catch let error as LedgerError {
                throw LedgerError(.invalidProof, "key chain: not a valid canonical entry: \(error.message)")
            }
            guard entry.body.kind == .key, entry.seq < checkpoint.size, let index = Int64(exactly: entry.seq) else {
                throw LedgerError(.invalidProof, "key chain: seq \(entry.seq) is not a key entry of the checkpoint's tree")
            }
            try MerkleProof.verifyInclusion(leafHash: MerkleHasher().leafHash(item.entry), index: index,
                                            treeSize: Int64(checkpoint.size), proof: item.proof, root: checkpoint.root)
            do { try chain.follow(entry) } catch let error as LedgerError {
                throw LedgerError(.invalidProof, "key chain: \(error.message)")
            }
        }
        return chain
    }
}
