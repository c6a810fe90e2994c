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
    /// The most bytes a reader takes (a file or a log's answer): thousands of rotations.
    public static let byteCountMax = 1 << 20
    static let label = "key"

    public struct Item: Equatable, Sendable {
        public let entry: [UInt8]
        public let proof: [Hash32]
    }

    public let items: [Item]

    /// Every key entry of the tree of `size` with its inclusion proof; nil when there is none.
    public static func make(reader: any ProofLog, treeSize: UInt64) throws -> KeyChainProof? {
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
            do {
                try MerkleProof.verifyInclusion(leafHash: MerkleHasher().leafHash(item.entry), index: index,
                                                treeSize: Int64(checkpoint.size), proof: item.proof, root: checkpoint.root)
            } catch let error as LedgerError {
                throw LedgerError(.invalidProof, "key chain: the key entry at seq \(entry.seq) is not in the checkpoint's tree: \(error.message)")
            }
            do { try chain.follow(entry) } catch let error as LedgerError {
                throw LedgerError(.invalidProof, "key chain: \(error.message)")
            }
        }
        return chain
    }

    /// The chain a holder of `held` (a witness's saved chain, or just the pinned key) adopts
    /// for `note`, a checkpoint it was shown: this proof followed from `held.pinned` against
    /// the checkpoint's own root, extending `held`, and under whose key for the checkpoint's
    /// size `note` verifies. So a proof can only add keys the pinned key handed over in that
    /// very tree, never drop one the holder already follows. Throws `.invalidProof` naming
    /// the step that failed.
    public func chain(extending held: KeyChain, note: SignedNote, checkpoint: Checkpoint) throws -> KeyChain {
        let chain = try self.chain(pinned: held.pinned, checkpoint: checkpoint)
        guard chain.rotations.starts(with: held.rotations) else {
            throw LedgerError(.invalidProof, "key chain: it does not extend the keys already followed (\(held.rotations.count) rotation\(held.rotations.count == 1 ? "" : "s"))")
        }
        do { try chain.check(note, size: checkpoint.size) } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "key chain: it does not lead to the key that signed the checkpoint: \(error.message)")
        }
        return chain
    }
}
