/// A batch ready to commit to a store: consecutive entries from `firstSeq` as their exact
/// canonical bytes, the tree hashes they add (tlog stored-hash order, from index
/// `StoredHashes.count(treeSize: firstSeq)`), each entry's writer id, and the signed
/// checkpoint that covers the log up to and including them.
public struct StoreBatch: Sendable {
    public let firstSeq: UInt64
    public let entries: [[UInt8]]
    public let storedHashes: [Hash32]
    public let ids: [String]
    public let checkpoint: SignedNote
    /// The edge of the log once the batch is committed.
    public let edge: LedgerEdge

    public init(firstSeq: UInt64, entries: [[UInt8]], storedHashes: [Hash32], ids: [String], checkpoint: SignedNote, edge: LedgerEdge) {
        precondition(entries.count == ids.count, "one id per entry")
        precondition(edge.size == firstSeq + UInt64(entries.count), "the edge follows the batch")
        self.firstSeq = firstSeq
        self.entries = entries
        self.storedHashes = storedHashes
        self.ids = ids
        self.checkpoint = checkpoint
        self.edge = edge
    }

    public var endSize: UInt64 { edge.size }

    /// The index of the first stored hash the batch adds.
    public var firstHashIndex: Int64 { StoredHashes.count(treeSize: Int64(firstSeq)) }
}
