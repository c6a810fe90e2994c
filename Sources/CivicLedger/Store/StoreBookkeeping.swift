/// A store that keeps rows beside the entries, hashes and checkpoints which its readers or
/// writers trust without checking them each time (the PostgreSQL engine's ledger row: the
/// log's size, last leaf hash and time, from which the next batch is chained). `verify`
/// checks them against the log it has just verified, so a changed row is found before a
/// writer builds on it.
public protocol StoreBookkeeping {
    /// Checks the store's bookkeeping against the verified log: `edge` is the newest kept
    /// checkpoint's size with its last entry's leaf hash and time, as the scan found them.
    /// Throws an integrity error (`.store`) naming the row and column that disagree, never
    /// their value.
    func checkBookkeeping(size: UInt64, lastLeafHash: Hash32, lastTime: String) throws
}
