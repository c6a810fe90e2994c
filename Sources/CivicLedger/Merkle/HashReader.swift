/// Random access to stored hashes by their position in the tlog stored-hash layout
/// (see `StoredHashes`). The storage layer implements it over the hash file; proof
/// generation batches every index it needs into one call so a file reader can sort
/// and coalesce the reads.
public protocol HashReader {
    /// Returns exactly one hash per index, in the order asked. Throws when an index is
    /// not stored (yet) or the storage cannot be read.
    func readHashes(at indexes: [Int64]) throws -> [Hash32]
}

extension HashReader {
    /// Reads and checks that the reader kept its contract, because proof code indexes
    /// the result positionally and a short answer would otherwise trap.
    func readChecked(_ indexes: [Int64]) throws -> [Hash32] {
        if indexes.isEmpty { return [] }
        let hashes = try readHashes(at: indexes)
        guard hashes.count == indexes.count else {
            throw LedgerError(.corrupt, "hash reader returned \(hashes.count) hashes for \(indexes.count) indexes")
        }
        return hashes
    }
}
