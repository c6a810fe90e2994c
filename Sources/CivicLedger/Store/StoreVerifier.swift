/// Verifies a ledger in any `LedgerStore` against trusted keys, streaming, in bounded memory:
/// every checkpoint's signature and its signed link to the one before; every entry's
/// canonical form, seq and prev chain; the genesis names the checkpoints' origin; the root at
/// every kept checkpoint; and every stored tree hash against the hashes recomputed from the
/// entries. (The directory engine's own files — index, id index, segments — are checked by
/// `LedgerVerifier`, which knows them.)
public struct StoreVerifier {
    /// Stored hashes compared per read.
    static let hashPageCount = 4096
    let store: any LedgerStore
    let verifiers: [NoteVerifier]

    public init(store: any LedgerStore, verifiers: [NoteVerifier]) {
        self.store = store
        self.verifiers = verifiers
    }

    public func verify() throws -> VerificationReport {
        guard let pinned = verifiers.first else { throw LedgerError(.usage, "verify needs the ledger's verifier key") }
        let sizes = try store.checkpointSizes()
        guard let newest = sizes.last else { throw LedgerError(.notALedger, "\(store.location) has no checkpoint") }
        var roots: [UInt64: Hash32] = [:]
        var origin: String?
        var below: UInt64 = 0
        for size in sizes {
            let checkpoint = try verifiedCheckpoint(size: size)
            guard origin == nil || origin == checkpoint.origin else {
                throw LedgerError(.corrupt, "\(store.location): the checkpoint at size \(size) has origin \(checkpoint.origin), not \(origin!)")
            }
            if let link = try checkpoint.previousSize(), link != below {
                throw LedgerError(.corrupt, "\(store.location): the checkpoint at size \(size) names size \(link) as the one before it, but the kept one before it is \(below) (a checkpoint was removed or inserted)")
            }
            origin = checkpoint.origin
            roots[size] = checkpoint.root
            below = size
        }
        let root = try scanEntries(size: newest, origin: origin!, roots: roots)
        return VerificationReport(origin: origin!, size: newest, root: root, checkpointCount: sizes.count,
                                  unlinkedCheckpointCount: 0, heldCheckpointSize: nil, tailByteCount: 0,
                                  // Every checkpoint verified under the pinned key: this verifier does
                                  // not follow key rotations yet (a rotated ledger fails closed).
                                  keys: KeyChain(pinned: pinned))
    }

    private func verifiedCheckpoint(size: UInt64) throws -> Checkpoint {
        do {
            let note = try SignedNote.parse(try store.checkpointBytes(size: size))
            _ = try note.verify(verifiers)
            let checkpoint = try Checkpoint(text: note.text)
            guard checkpoint.size == size else { throw LedgerError(.corrupt, "it says size \(checkpoint.size)") }
            return checkpoint
        } catch let error as LedgerError where error.code != .io {
            throw LedgerError(.corrupt, "\(store.location): the checkpoint at size \(size): \(error.message)")
        }
    }

    /// Streams the entries, checking each and the tree; returns the newest root.
    private func scanEntries(size: UInt64, origin: String, roots: [UInt64: Hash32]) throws -> Hash32 {
        let hasher = MerkleHasher()
        var builder = TreeBuilder()
        var prev = Hash32.zero
        var lastTime = ""
        var pending: [Hash32] = []
        var pendingStart: Int64 = 0
        let stored = try store.treeHashes()
        try store.forEachEntry(in: 0..<size) { seq, bytes in
            let entry: Entry
            do { entry = try Entry.decode(Array(bytes)) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(store.location): entry \(seq): \(error.message)")
            }
            guard entry.seq == seq, entry.prev == prev, entry.time >= lastTime else {
                throw LedgerError(.corrupt, "\(store.location): entry \(seq) breaks the chain (its seq, prev or time does not follow entry \(seq == 0 ? 0 : seq - 1))")
            }
            if seq == 0 {
                guard case .genesis(let genesis) = entry.body.payload, genesis.origin == origin else {
                    throw LedgerError(.corrupt, "\(store.location): entry 0 is not a genesis naming origin \(origin)")
                }
            }
            prev = hasher.leafHash(Array(bytes))
            lastTime = entry.time
            pending.append(contentsOf: builder.append(leafHash: prev, hasher: hasher))
            if let root = roots[seq + 1], builder.root(hasher: hasher) != root {
                throw LedgerError(.corrupt, "\(store.location): the entries do not hash to the root of the checkpoint at size \(seq + 1)")
            }
            if pending.count >= StoreVerifier.hashPageCount {
                try compare(&pending, from: &pendingStart, with: stored)
            }
        }
        try compare(&pending, from: &pendingStart, with: stored)
        return builder.root(hasher: hasher)
    }

    private func compare(_ pending: inout [Hash32], from start: inout Int64, with stored: any HashReader) throws {
        guard !pending.isEmpty else { return }
        let indexes = (0..<Int64(pending.count)).map { start + $0 }
        let found = try stored.readHashes(at: indexes)
        for (offset, hash) in pending.enumerated() where found[offset] != hash {
            throw LedgerError(.corrupt, "\(store.location): stored tree hash \(start + Int64(offset)) does not match the entries")
        }
        start += Int64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }
}
