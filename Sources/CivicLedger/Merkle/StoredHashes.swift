/// The tlog stored-hash layout (golang.org/x/mod/sumdb/tlog): a tree is persisted as one
/// flat sequence of 32-byte hashes in the order they are produced while appending leaves.
/// When leaf n arrives, its leaf hash is stored, then the hash of every complete subtree
/// that leaf finishes, lowest level first. Hashes are never rewritten, so the file is
/// append-only, and the hash of any complete subtree sits at a position computable from
/// its level and number alone.
public enum StoredHashes {
    /// The largest tree size these functions accept. Beyond it `2n` overflows `Int64`.
    public static let maxTreeSize: Int64 = 1 << 61

    /// Stored position of the hash of the `n`-th complete subtree at `level` (covering
    /// leaves `n·2^level ..< (n+1)·2^level`).
    ///
    /// That hash is stored while appending the subtree's last leaf `m`: after all hashes
    /// of leaves `0 ..< m` (`count(treeSize: m)` of them), after the leaf hash of `m`, and
    /// after the `level - 1` lower subtrees `m` completes on the way up.
    public static func index(level: Int, n: Int64) -> Int64 {
        precondition(level >= 0 && level < 62, "tree level \(level) out of range")
        precondition(n >= 0 && n < maxTreeSize >> level, "subtree number \(n) out of range at level \(level)")
        let lastLeaf = ((n + 1) << level) - 1
        let index = count(treeSize: lastLeaf) + Int64(level)
        assert(index >= 0)
        return index
    }

    /// How many hashes a tree of `treeSize` leaves stores: each leaf contributes one
    /// hash per level it climbs, which sums to `2n − popcount(n)`.
    public static func count(treeSize: Int64) -> Int64 {
        precondition(treeSize >= 0 && treeSize <= maxTreeSize, "tree size \(treeSize) out of range")
        return 2 * treeSize - Int64(treeSize.nonzeroBitCount)
    }

    /// What to append to the stored hashes when leaf `leafIndex` arrives: its leaf hash,
    /// then the hash of each subtree it completes. Reads the left siblings (one per
    /// trailing one bit of `leafIndex`) in a single batch from the hashes already stored.
    public static func hashesToStore(
        for leafIndex: Int64, leafHash: Hash32, reader: HashReader, hasher: MerkleHasher
    ) throws -> [Hash32] {
        precondition(leafIndex >= 0 && leafIndex < maxTreeSize, "leaf index \(leafIndex) out of range")
        // Leaf n completes one subtree per trailing one bit: at each such level its
        // subtree is the right child and the left child is already stored.
        let completed = (~leafIndex).trailingZeroBitCount
        let siblingIndexes = (0..<completed).map { level in index(level: level, n: (leafIndex >> level) - 1) }
        let siblings = try reader.readChecked(siblingIndexes)
        var result = [leafHash]
        result.reserveCapacity(1 + completed)
        var hash = leafHash
        for sibling in siblings {
            hash = hasher.nodeHash(sibling, hash)
            result.append(hash)
        }
        assert(result.count == 1 + completed)
        return result
    }
}
