/// An in-memory stored-hash file: the hashes in tlog stored order, appendable.
/// Used by tests and by tools that build small trees without touching disk.
public struct MemoryHashStore: HashReader, Sendable {
    public private(set) var hashes: [Hash32] = []

    public init() {}

    /// How many hashes are stored; equals `StoredHashes.count(treeSize:)` when the store
    /// holds a whole tree.
    public var count: Int64 { Int64(hashes.count) }

    public mutating func append(_ newHashes: [Hash32]) {
        hashes.append(contentsOf: newHashes)
    }

    public func readHashes(at indexes: [Int64]) throws -> [Hash32] {
        var result = [Hash32]()
        result.reserveCapacity(indexes.count)
        for index in indexes {
            guard index >= 0, index < count else {
                throw LedgerError(.usage, "stored hash index \(index) is out of range: \(count) hashes are stored")
            }
            result.append(hashes[Int(index)])
        }
        assert(result.count == indexes.count)
        return result
    }
}
