/// What proofs and receipts need of a ledger, whichever engine keeps it: the kept
/// checkpoints' exact notes, the stored tree hashes (O(log n) of them per proof), single
/// entries, the key entries a proof carries, and the writer's derived state (the book, so
/// a receipt need not scan for a reversal). A directory's `LedgerReader` is one; `StoreLog`
/// over any `LedgerStore` is another.
public protocol ProofLog: CheckpointedLog {
    /// The kept checkpoint's signed note at `size`, unverified (callers verify with their own key).
    func checkpointBytes(size: UInt64) throws -> [UInt8]

    /// The stored tree hashes, read on demand.
    func treeHashes() throws -> any HashReader

    /// The exact bytes of entry `seq`, below the newest checkpoint.
    func entryBytes(seq: UInt64) throws -> [UInt8]

    /// Every `key` entry below `size` (default: the newest checkpoint's), with its bytes, in log order.
    func keyEntries(below size: UInt64?) throws -> [(entry: Entry, bytes: [UInt8])]

    /// Saved derived state and the number of entries it covers; nil when there is none.
    func derivedState(_ name: String) throws -> (size: UInt64, state: JSONValue)?

    /// The seq of the entry with writer id `id` that a server can answer cheaply (an index,
    /// never a scan of the log); nil when there is none below the newest checkpoint.
    func indexedSeq(id: String) throws -> UInt64?
}

extension ProofLog {
    /// The leaf hash of entry `seq`, from the stored tree.
    public func leafHash(seq: UInt64) throws -> Hash32 {
        guard seq < size else { throw LedgerError(.usage, "seq \(seq) is not in the ledger (it holds \(size) entries)") }
        return try treeHashes().readHashes(at: [StoredHashes.index(level: 0, n: Int64(seq))])[0]
    }

    /// An RFC 9162 inclusion proof of entry `seq` in the tree of `treeSize` entries.
    public func inclusionProof(seq: UInt64, treeSize: UInt64) throws -> [Hash32] {
        guard treeSize <= size else { throw LedgerError(.usage, "the ledger holds \(size) entries, not \(treeSize)") }
        guard seq < treeSize else { throw LedgerError(.usage, "seq \(seq) is not in a tree of \(treeSize) entries") }
        return try MerkleProof.inclusion(index: Int64(seq), treeSize: Int64(treeSize), reader: treeHashes())
    }

    /// An RFC 9162 consistency proof from the tree of `from` entries to the tree of `to`.
    public func consistencyProof(from: UInt64, to: UInt64) throws -> [Hash32] {
        guard to <= size else { throw LedgerError(.usage, "the ledger holds \(size) entries, not \(to)") }
        guard from <= to else { throw LedgerError(.usage, "--from \(from) is larger than --to \(to)") }
        return try MerkleProof.consistency(from: Int64(from), to: Int64(to), reader: treeHashes())
    }

    /// Every `key` entry from `start` below `end` by reading the log once, decoding only the
    /// entries the screen picks (a store keeps no key index; a directory falls back to this).
    func scannedKeyEntries(from start: UInt64 = 0, below end: UInt64) throws -> [(entry: Entry, bytes: [UInt8])] {
        var found: [(entry: Entry, bytes: [UInt8])] = []
        try forEachEntry(in: min(start, end, size)..<min(end, size)) { _, bytes in
            guard LedgerReader.keyKindMarker.occurs(in: bytes) else { return }
            let entry = try Entry.decode(Array(bytes))
            if entry.body.kind == .key { found.append((entry, Array(bytes))) }
        }
        return found
    }
}

extension LedgerReader: ProofLog {}

extension StoreLog: ProofLog {
    public func checkpointBytes(size: UInt64) throws -> [UInt8] {
        guard checkpointSizes.contains(size) else { throw LedgerError(.usage, "\(location) has no checkpoint at size \(size)") }
        return try store.checkpointBytes(size: size)
    }

    public func treeHashes() throws -> any HashReader {
        try store.treeHashes()
    }

    public func entryBytes(seq: UInt64) throws -> [UInt8] {
        guard seq < size else {
            throw LedgerError(.usage, "seq \(seq) is not in the ledger (it holds seq 0 to \(Int64(size) - 1))")
        }
        var found: [UInt8] = []
        try store.forEachEntry(in: seq..<seq + 1) { _, bytes in found = Array(bytes) }
        return found
    }

    public func derivedState(_ name: String) throws -> (size: UInt64, state: JSONValue)? {
        try store.derivedState(name)
    }

    /// The store's own id lookup (an index in every engine).
    public func indexedSeq(id: String) throws -> UInt64? {
        try seq(id: id)
    }
}
