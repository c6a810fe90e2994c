/// Builds a Merkle tree one leaf at a time, keeping only the right frontier: the roots of
/// the complete subtrees that make up the tree, one per set bit of `size`, largest first.
/// Appending n leaves costs n leaf-hash pushes and fewer than n node hashes in total.
public struct TreeBuilder: Sendable {
    public private(set) var size: Int64
    /// Roots of the complete subtrees left to right; their sizes are the set bits of `size`
    /// from the highest down.
    private var frontier: [Hash32]

    public init() {
        size = 0
        frontier = []
    }

    /// Rebuilds the frontier of a tree of `restoringSize` leaves from its stored hashes,
    /// with one batched read of at most 62 hashes and no hashing, so reopening a large
    /// ledger costs the same as reopening a small one.
    public init(restoringSize: Int64, reader: HashReader) throws {
        guard restoringSize >= 0, restoringSize <= StoredHashes.maxTreeSize else {
            throw LedgerError(.usage, "tree size \(restoringSize) is out of range")
        }
        var indexes = [Int64]()
        var start: Int64 = 0
        for level in stride(from: 62, through: 0, by: -1) where restoringSize & (1 << level) != 0 {
            indexes.append(StoredHashes.index(level: level, n: start >> level))
            start += 1 << level
        }
        assert(start == restoringSize && indexes.count == restoringSize.nonzeroBitCount)
        size = restoringSize
        frontier = try reader.readChecked(indexes)
    }

    /// A tree of `size` leaves from its frontier (`frontierHashes` saved earlier): a
    /// monitor keeps only this between runs. Throws unless there is one hash per set bit.
    public init(size: Int64, frontier: [Hash32]) throws {
        guard size >= 0, size <= StoredHashes.maxTreeSize, frontier.count == size.nonzeroBitCount else {
            throw LedgerError(.corrupt, "a tree of \(size) leaves has \(max(0, size).nonzeroBitCount) frontier hashes, not \(frontier.count)")
        }
        self.size = size
        self.frontier = frontier
    }

    /// The roots of the complete subtrees, largest first.
    public var frontierHashes: [Hash32] { frontier }

    /// Adds one leaf and returns the hashes to store for it, in `StoredHashes` order: the
    /// leaf hash, then each subtree this leaf completes, lowest first.
    public mutating func append(leafHash: Hash32, hasher: MerkleHasher) -> [Hash32] {
        var stored: [Hash32] = []
        append(leafHash: leafHash, hasher: hasher, into: &stored)
        return stored
    }

    /// `append(leafHash:hasher:)` into a caller's array, emptied first: a caller that keeps
    /// one array for every leaf (verify) allocates none a leaf.
    public mutating func append(leafHash: Hash32, hasher: MerkleHasher, into stored: inout [Hash32]) {
        precondition(size < StoredHashes.maxTreeSize, "tree is full")
        assert(frontier.count == size.nonzeroBitCount)
        // The trailing one bits of the old size are the subtrees the new leaf merges with.
        let merges = (~size).trailingZeroBitCount
        stored.removeAll(keepingCapacity: true)
        stored.reserveCapacity(1 + merges)
        stored.append(leafHash)
        var hash = leafHash
        for _ in 0..<merges {
            hash = hasher.nodeHash(frontier.removeLast(), hash)
            stored.append(hash)
        }
        frontier.append(hash)
        size += 1
        assert(frontier.count == size.nonzeroBitCount)
    }

    /// MTH of the tree so far: the frontier folded from the right, which is how RFC 9162
    /// splits at the largest power of two. The empty tree has `MerkleHasher.emptyRoot`.
    public func root(hasher: MerkleHasher) -> Hash32 {
        guard var hash = frontier.last else { return MerkleHasher.emptyRoot }
        for left in frontier.dropLast().reversed() {
            hash = hasher.nodeHash(left, hash)
        }
        return hash
    }
}
