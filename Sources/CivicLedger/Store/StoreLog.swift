/// Any `LedgerStore` read as a `CheckpointedLog`, fixed at the checkpoints kept when it was
/// opened (a writer committing meanwhile adds entries past them, which are not read).
/// Checkpoints verify under the key in force at their size, followed from the one pinned
/// key through the ledger's `key` entries as `LedgerReader` does; a store keeps no key
/// index, so the first check reads the log once for them (and keeps them).
public final class StoreLog: CheckpointedLog {
    public let store: any LedgerStore
    public let checkpointSizes: [UInt64]
    /// Every `key` entry below the newest checkpoint, once read.
    private var keyEntriesRead: [(entry: Entry, bytes: [UInt8])]?
    /// Key entries a caller read before for the first `knownKeyEntries.size` entries
    /// (`assumeKeyEntries`); only those past it are read from the store.
    private var knownKeyEntries: (entries: [(entry: Entry, bytes: [UInt8])], size: UInt64)?
    /// The page of stored ids last read (`EntryIDPages`), when the store keeps them.
    private var idPage: EntryIDPage?

    public init(store: any LedgerStore) throws {
        self.store = store
        checkpointSizes = try store.checkpointSizes()
        guard let newest = checkpointSizes.last else { throw LedgerError(.notALedger, "\(store.location) has no checkpoint") }
        idPage = (store as? EntryIDPages).map { EntryIDPage(pages: $0, size: newest) }
    }

    public var location: String { store.location }

    public func checkpoint(size: UInt64, verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        guard checkpointSizes.contains(size) else { throw LedgerError(.usage, "\(location) has no checkpoint at size \(size)") }
        guard verifiers.count == 1 else {
            throw LedgerError(.usage, "a checkpoint is verified from exactly one pinned verifier key (later keys are followed through key entries)")
        }
        let bytes = try store.checkpointBytes(size: size)
        do {
            let note = try SignedNote.parse(bytes)
            let checkpoint = try Checkpoint(text: note.text)
            guard checkpoint.size == size else { throw LedgerError(.corrupt, "says size \(checkpoint.size)") }
            try keyChain(pinned: verifiers[0], below: size).check(note, size: size)
            return (checkpoint, note)
        } catch let error as LedgerError where error.code != .io {
            throw LedgerError.integrity(.signature, "\(location): the checkpoint at size \(size): \(error.message)")
        }
    }

    /// The keys in force up to `size`: the pinned key, then each `key` entry's below it.
    func keyChain(pinned: NoteVerifier, below size: UInt64) throws -> KeyChain {
        var chain = KeyChain(pinned: pinned)
        for (entry, _) in try keyEntries(below: size) { try chain.follow(entry) }
        return chain
    }

    /// Every `key` entry below `size` (default: the newest checkpoint's), in log order.
    public func keyEntries(below size: UInt64? = nil) throws -> [(entry: Entry, bytes: [UInt8])] {
        if keyEntriesRead == nil { keyEntriesRead = try readKeyEntries() }
        let end = size ?? self.size
        return keyEntriesRead!.filter { $0.entry.seq < end }
    }

    /// The store's id column for entry `seq`, read a page at a time; nil when the store
    /// has no such column or `seq` is past the newest checkpoint.
    func storedID(seq: UInt64) throws -> [UInt8]? {
        try idPage?.storedID(seq: seq)
    }

    /// Takes the key entries of the first `size` entries as read before by the caller (a
    /// server that opens a log on every request keeps them, so each request reads only the
    /// entries committed since). Ignored when `size` is past this log's newest checkpoint.
    /// They are followed from the pinned key as if read now, so a wrong list fails closed.
    public func assumeKeyEntries(_ entries: [(entry: Entry, bytes: [UInt8])], below size: UInt64) {
        guard size <= self.size, keyEntriesRead == nil else { return }
        precondition(entries.allSatisfy { $0.entry.seq < size && $0.entry.body.kind == .key }, "key entries below the size given")
        knownKeyEntries = (entries, size)
    }

    /// The key entries this log has read (for `assumeKeyEntries` on a later log), with the
    /// size they cover; nil when none were asked for.
    public var keyEntriesCovered: (entries: [(entry: Entry, bytes: [UInt8])], size: UInt64)? {
        keyEntriesRead.map { ($0, size) }
    }

    /// The key entries below the newest checkpoint: screened by the store when it can, else
    /// by reading the log once; after those `assumeKeyEntries` gave, when it did.
    private func readKeyEntries() throws -> [(entry: Entry, bytes: [UInt8])] {
        let start = knownKeyEntries?.size ?? 0
        let known = knownKeyEntries?.entries ?? []
        guard let screening = store as? KeyEntryScreening else { return known + (try scannedKeyEntries(from: start, below: size)) }
        var found = known
        for (seq, bytes) in try screening.keyEntryCandidates(in: start..<size) {
            let entry: Entry
            do { entry = try Entry.decode(bytes) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(location): entry \(seq): \(error.message)")
            }
            guard entry.seq == seq else { throw LedgerError(.corrupt, "\(location): entry \(seq) says seq \(entry.seq)") }
            if entry.body.kind == .key { found.append((entry, bytes)) }
        }
        return found
    }

    public func forEachEntry(in range: Range<UInt64>, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        guard range.upperBound <= size else { throw LedgerError(.usage, "\(location) holds \(size) entries, not \(range.upperBound)") }
        try store.forEachEntry(in: range, body)
    }

    public func entry(seq: UInt64) throws -> Entry? {
        guard seq < size else { return nil }
        return try store.entry(seq: seq)
    }

    public func seq(id: String) throws -> UInt64? {
        try store.seq(id: id).flatMap { $0 < size ? $0 : nil }
    }
}
