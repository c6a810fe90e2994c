/// What proofs, receipts and tiles need of a store's ledger (`ProvableLog`), all within the
/// checkpoints kept when the `StoreLog` was opened.
extension StoreLog: ProvableLog {
    public func entryBytes(seq: UInt64) throws -> [UInt8] {
        guard seq < size else { throw LedgerError(.usage, "seq \(seq) is not in the ledger (it holds \(size) entries)") }
        var found: [UInt8]?
        try store.forEachEntry(in: seq..<seq + 1) { _, bytes in found = Array(bytes) }
        guard let found else { throw LedgerError(.corrupt, "\(location): entry \(seq) is missing") }
        return found
    }

    public func checkpointBytes(size: UInt64) throws -> [UInt8] {
        guard checkpointSizes.contains(size) else { throw LedgerError(.usage, "\(location) has no checkpoint at size \(size)") }
        return try store.checkpointBytes(size: size)
    }

    public func treeHashes() throws -> any HashReader {
        try store.treeHashes()
    }

    public func inclusionProof(seq: UInt64, treeSize: UInt64) throws -> [Hash32] {
        guard treeSize <= size else { throw LedgerError(.usage, "the ledger holds \(size) entries, not \(treeSize)") }
        guard seq < treeSize else { throw LedgerError(.usage, "seq \(seq) is not in a tree of \(treeSize) entries") }
        return try MerkleProof.inclusion(index: Int64(seq), treeSize: Int64(treeSize), reader: treeHashes())
    }

    /// Read by scanning the log, unless `keyEntriesKnownAbsent`.
    public func keyEntries(below end: UInt64?) throws -> [(entry: Entry, bytes: [UInt8])] {
        guard !keyEntriesKnownAbsent else { return [] }
        var found: [(entry: Entry, bytes: [UInt8])] = []
        try forEachEntry(in: 0..<min(end ?? size, size)) { _, bytes in
            guard LedgerReader.keyKindMarker.occurs(in: bytes) else { return }
            let entry = try Entry.decode(Array(bytes))
            if entry.body.kind == .key { found.append((entry, Array(bytes))) }
        }
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
