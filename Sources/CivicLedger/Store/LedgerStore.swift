/// Where a ledger's bytes are kept: a directory (`DirectoryStore`) or a database
/// (`CivicPostgres`). Everything above this protocol (appends, copies, verification of a
/// store) works the same on either. A store only ever exposes what a checkpoint covers:
/// entries, their stored tree hashes and the checkpoint are committed together.
public protocol LedgerStore: AnyObject {
    /// Where the ledger lives, for messages: a directory, or a URL without any password.
    var location: String { get }

    /// Sizes of every kept checkpoint, ascending; the last is the acknowledged log.
    func checkpointSizes() throws -> [UInt64]

    /// The stored signed note of the checkpoint at `size`, unverified, exactly as kept.
    func checkpointBytes(size: UInt64) throws -> [UInt8]

    /// Calls `body` with each entry's seq and exact stored bytes for the seqs in `range`,
    /// in order, holding a bounded number of entries in memory at a time. The range must
    /// lie within a kept checkpoint.
    func forEachEntry(in range: Range<UInt64>, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws

    /// The stored tree hashes (tlog stored-hash order) of the committed log.
    func treeHashes() throws -> any HashReader

    /// The seq of the committed entry whose writer id is `id`, or nil when there is none.
    func seq(id: String) throws -> UInt64?

    /// Saved derived state and the number of entries it covers; nil when there is none or
    /// it is damaged (the caller rebuilds it from the log).
    func derivedState(_ name: String) throws -> (size: UInt64, state: JSONValue)?

    /// Takes the ledger's write lock for this process. A directory is locked for as long as
    /// the writer lives; a database is locked per batch (`LedgerStoreWriter.commit`), so
    /// several processes may hold writers at once and take turns.
    func openWriter() throws -> any LedgerStoreWriter
}

/// The write side of a store.
public protocol LedgerStoreWriter: AnyObject {
    /// Runs `prepare` under the ledger's write lock with the committed edge of the log as it
    /// is now (re-read, so a writer that lost a race to another process sees the new edge),
    /// then commits the batch it returns — entries, tree hashes and checkpoint together, or
    /// none of them. `prepare` returning nil commits nothing. Returns `prepare`'s value.
    func commit<Value>(_ prepare: (LockedLedger) throws -> (StoreBatch?, Value)) throws -> Value

    /// Replaces the kept checkpoint at `size` by `note`, the same text with more signatures
    /// (cosignatures). The caller has checked the text.
    func replaceCheckpoint(_ note: SignedNote, size: UInt64) throws

    /// Saves derived state covering the first `size` entries.
    func saveDerivedState(_ name: String, size: UInt64, state: JSONValue) throws
}

/// What a writer sees while it holds the lock: the log's edge and lookups of the committed log.
public protocol LockedLedger {
    var edge: LedgerEdge { get }
    /// The seq of the committed entry with writer id `id`, or nil.
    func seq(id: String) throws -> UInt64?
    /// Committed entry `seq`, decoded.
    func entry(seq: UInt64) throws -> Entry
    /// Calls `body` with each committed entry in `range`, decoded, in order (a catch-up).
    func forEachEntry(in range: Range<UInt64>, _ body: (Entry) throws -> Void) throws
}

extension LockedLedger {
    /// Entry by entry; an engine may read the range at once.
    public func forEachEntry(in range: Range<UInt64>, _ body: (Entry) throws -> Void) throws {
        for seq in range { try body(try entry(seq: seq)) }
    }
}

extension LedgerStore {
    /// The committed entry `seq`, decoded; nil past the newest checkpoint.
    public func entry(seq: UInt64) throws -> Entry? {
        guard let size = try checkpointSizes().last, seq < size else { return nil }
        var found: Entry?
        try forEachEntry(in: seq..<seq + 1) { _, bytes in
            do { found = try Entry.decode(Array(bytes)) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(location): entry \(seq) cannot be decoded: \(error.message)")
            }
        }
        return found
    }

    /// The newest checkpoint, which one of `verifiers` must have signed.
    public func newestCheckpoint(verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        guard let size = try checkpointSizes().last else { throw LedgerError(.notALedger, "\(location) has no checkpoint") }
        let note = try SignedNote.parse(try checkpointBytes(size: size))
        do { _ = try note.verify(verifiers) } catch let error as LedgerError {
            throw LedgerError(.invalidKey, "the key \(verifiers.map(\.vkey).joined(separator: ", ")) did not sign the newest checkpoint of \(location) (\(error.message))")
        }
        return (try Checkpoint(text: note.text), note)
    }
}
