/// What the read commands (exports, trace, receipts) need of a ledger, whichever engine
/// keeps it: its kept checkpoints, verified under the caller's key, and its entries by seq
/// range, streamed. A directory's `LedgerReader` is one; `StoreLog` makes any
/// `LedgerStore` (a PostgreSQL ledger) another, so the exports never know the engine.
public protocol CheckpointedLog {
    /// Where the ledger lives, for messages (a directory, or a URL without a password).
    var location: String { get }

    /// Sizes of every kept checkpoint, ascending, as they were when the log was opened.
    var checkpointSizes: [UInt64] { get }

    /// The kept checkpoint of `size`, verified from the one pinned key in `verifiers`.
    func checkpoint(size: UInt64, verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote)

    /// Calls `body` with each entry's seq and exact bytes for the seqs in `range`, in order,
    /// holding a bounded number of entries in memory; the range lies within a checkpoint.
    func forEachEntry(in range: Range<UInt64>, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws

    /// Entry `seq`, decoded; nil past the newest checkpoint.
    func entry(seq: UInt64) throws -> Entry?

    /// The seq of the entry below the newest checkpoint with writer id `id`, or nil.
    func seq(id: String) throws -> UInt64?
}

extension CheckpointedLog {
    /// The number of entries the newest checkpoint covers.
    public var size: UInt64 { checkpointSizes.last ?? 0 }

    /// The newest checkpoint, verified from the pinned key.
    public func latestCheckpoint(verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        try checkpoint(size: size, verifiers: verifiers)
    }

    /// A seq given as digits, or else an entry id.
    public func seq(seqOrID text: String) throws -> UInt64 {
        // Text of ASCII digits is always a seq, so `011` cannot silently mean an id.
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard text == "0" || !text.hasPrefix("0") else { throw LedgerError(.usage, "seq \(text) must not have leading zeros") }
            guard let seq = UInt64(text), seq <= UInt64(JSONValue.integerMagnitudeMax) else {
                throw LedgerError(.usage, "seq \(text.prefix(24)) exceeds 2^53−1")
            }
            return seq
        }
        guard let seq = try seq(id: text) else { throw LedgerError(.usage, "\(location): no entry with id \(PersonalData.quotable(text))") }
        return seq
    }
}

extension LedgerReader: CheckpointedLog {
    public var location: String { layout.directory }

    public func forEachEntry(in range: Range<UInt64>, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        guard !range.isEmpty else { return }
        guard range.upperBound <= size else {
            throw LedgerError(.usage, "\(layout.directory) holds \(size) entries, not \(range.upperBound)")
        }
        var lines = try range.lowerBound == 0 ? EntryLineReader(segments: segments) : EntryLineReader(
            segments: segments, seq: range.lowerBound,
            offset: IndexFile.offset(of: range.lowerBound, in: try handles.indexHandle()))
        while lines.nextSeq < range.upperBound {
            guard let line = try lines.next() else {
                throw LedgerError.integrity(.store, "\(layout.entriesDirectory) ends at entry \(lines.nextSeq) but the checkpoint covers \(size)")
            }
            try body(line.seq, line.bytes)
        }
    }
}
