/// A store that keeps each entry's writer id in a column that is unique per ledger (the
/// PostgreSQL engine), and can hand over a page of them in one read: the audit's
/// idempotency check then costs one query a page instead of one an entry, and `verify`
/// checks every stored id against its entry's bytes (lookups by id trust that column).
public protocol EntryIDPages {
    /// The column, for messages: `civic_entries.entry_id`.
    var entryIDColumn: String { get }

    /// The stored writer id (UTF-8 bytes) of each committed entry with a seq in `range`.
    func entryIDs(in range: Range<UInt64>) throws -> [UInt64: [UInt8]]
}

/// The stored ids of one page of seqs, read again only when a seq outside it is asked for.
struct EntryIDPage {
    static let pageCount: UInt64 = 4096
    let pages: any EntryIDPages
    /// Seqs at or past this are not read (the newest checkpoint's size).
    let size: UInt64
    private var page: (start: UInt64, ids: [UInt64: [UInt8]])?

    init(pages: any EntryIDPages, size: UInt64) {
        self.pages = pages
        self.size = size
    }

    /// The stored id of entry `seq`; nil when the store has no row for it or `seq` is past `size`.
    mutating func storedID(seq: UInt64) throws -> [UInt8]? {
        guard seq < size else { return nil }
        if let page, seq >= page.start, seq - page.start < EntryIDPage.pageCount { return page.ids[seq] }
        let start = seq - seq % EntryIDPage.pageCount
        let read = (start, try pages.entryIDs(in: start..<min(size, start + EntryIDPage.pageCount)))
        page = read
        return read.1[seq]
    }
}
