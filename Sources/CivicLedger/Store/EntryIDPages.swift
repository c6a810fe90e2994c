/// A store that keeps each entry's writer id in a column that is unique per ledger (the
/// PostgreSQL engine), and can hand over a page of them in one read: the audit's
/// idempotency check then costs one query a page instead of one an entry.
public protocol EntryIDPages {
    /// The stored writer id (UTF-8 bytes) of each committed entry with a seq in `range`.
    func entryIDs(in range: Range<UInt64>) throws -> [UInt64: [UInt8]]
}
