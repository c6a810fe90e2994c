/// The hashes a proof or root needs, each the MTH of one node of the tree, collected
/// first and then read in a single batch from stored hashes.
///
/// A node covering leaves `lo ..< hi` is either a complete subtree, stored as one hash,
/// or (at the right edge of the tree) the right fold of the complete subtrees its range
/// splits into, largest first. At most about 2·log2(n) hashes are read per node list.
struct SubtreePlan {
    /// Stored indexes to read, node after node.
    private(set) var indexes: [Int64] = []
    /// For each node, its slice of `indexes`.
    private var nodes: [Range<Int>] = []

    /// Plans the MTH of the tree node covering leaves `lo ..< hi`.
    mutating func addNode(lo: Int64, hi: Int64) {
        precondition(lo >= 0 && lo < hi && hi <= StoredHashes.maxTreeSize, "empty or invalid node range \(lo)..<\(hi)")
        // An RFC 9162 node starts at a multiple of the power of two that covers it;
        // for any other range the right fold below would not be its MTH.
        let width = hi - lo
        let coveringLevel = 64 - (width - 1).leadingZeroBitCount
        assert(lo & ((1 << coveringLevel) - 1) == 0, "range \(lo)..<\(hi) is not a node of the tree")
        let first = indexes.count
        var start = lo
        while start < hi {
            let level = SubtreePlan.largestAlignedLevel(start: start, end: hi)
            indexes.append(StoredHashes.index(level: level, n: start >> level))
            start += 1 << level
        }
        assert(start == hi)
        nodes.append(first..<indexes.count)
    }

    /// The highest level whose subtree starting at `start` is aligned and ends by `end`.
    private static func largestAlignedLevel(start: Int64, end: Int64) -> Int {
        let alignment = start == 0 ? 63 : start.trailingZeroBitCount
        let fit = 63 - (end - start).leadingZeroBitCount
        return min(alignment, fit)
    }

    /// Reads every planned hash at once and returns one MTH per planned node, in order.
    func resolve(reader: HashReader, hasher: MerkleHasher) throws -> [Hash32] {
        let hashes = try reader.readChecked(indexes)
        let result = nodes.map { range in
            var hash = hashes[range.upperBound - 1]
            for index in range.dropLast().reversed() {
                hash = hasher.nodeHash(hashes[index], hash)
            }
            return hash
        }
        assert(result.count == nodes.count)
        return result
    }
}
