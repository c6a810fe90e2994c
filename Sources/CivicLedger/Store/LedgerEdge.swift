/// The end of a committed log, all a writer needs to add to it: its size, the tree's right
/// frontier, the last leaf hash (the next entry's `prev`) and the last time (times never
/// go backwards). An empty log has size 0, a zero `prev` and an empty time.
public struct LedgerEdge: Sendable {
    public let size: UInt64
    public let builder: TreeBuilder
    public let lastLeafHash: Hash32
    public let lastTime: String

    public init(size: UInt64, builder: TreeBuilder, lastLeafHash: Hash32, lastTime: String) {
        precondition(builder.size == Int64(size), "tree and log sizes agree")
        self.size = size
        self.builder = builder
        self.lastLeafHash = lastLeafHash
        self.lastTime = lastTime
    }

    public static let empty = LedgerEdge(size: 0, builder: TreeBuilder(), lastLeafHash: .zero, lastTime: "")

    /// The edge of a log of `size` entries whose last entry is `lastEntry`, with the tree's
    /// frontier restored from the stored hashes.
    public static func restore(size: UInt64, lastEntry: [UInt8], hashes: any HashReader) throws -> LedgerEdge {
        guard size > 0 else { return .empty }
        let builder = try TreeBuilder(restoringSize: Int64(size), reader: hashes)
        let leaf = MerkleHasher().leafHash(lastEntry)
        let stored = try hashes.readChecked([StoredHashes.index(level: 0, n: Int64(size) - 1)])[0]
        guard leaf == stored else {
            throw LedgerError(.corrupt, "entry \(size - 1) does not match its stored leaf hash; run civic verify")
        }
        return LedgerEdge(size: size, builder: builder, lastLeafHash: leaf, lastTime: try Entry.decode(lastEntry).time)
    }
}
