/// A ledger fixed at its kept checkpoints that proofs, receipts and tiles are made from,
/// whichever engine keeps it: a directory's `LedgerReader`, or `StoreLog` over any
/// `LedgerStore` (a PostgreSQL ledger, as `civic serve` hosts one).
public protocol ProvableLog: CheckpointedLog {
    /// The stored bytes of entry `seq`, which the newest checkpoint covers.
    func entryBytes(seq: UInt64) throws -> [UInt8]

    /// The kept checkpoint at `size`, unverified, exactly as stored.
    func checkpointBytes(size: UInt64) throws -> [UInt8]

    /// The stored tree hashes (tlog stored-hash order).
    func treeHashes() throws -> any HashReader

    /// An RFC 9162 inclusion proof of entry `seq` in the tree of `treeSize` entries.
    func inclusionProof(seq: UInt64, treeSize: UInt64) throws -> [Hash32]

    /// Every `key` entry below `size` with its bytes, in log order.
    func keyEntries(below size: UInt64?) throws -> [(entry: Entry, bytes: [UInt8])]

    /// Saved derived state and the number of entries it covers, or nil.
    func derivedState(_ name: String) throws -> (size: UInt64, state: JSONValue)?

    /// The seq of the entry with writer id `id` that a server can answer cheaply (an index,
    /// never a scan of the log); nil when there is none below the newest checkpoint.
    func indexedSeq(id: String) throws -> UInt64?
}

extension LedgerReader: ProvableLog {}
