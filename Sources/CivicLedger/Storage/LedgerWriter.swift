#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one writer of a ledger directory. It holds the directory's exclusive lock while it
/// lives, makes every batch durable before it signs the checkpoint that acknowledges it,
/// and on open cuts back any tail a crash left past the newest checkpoint.
public final class LedgerWriter {
    public struct AppendResult: Sendable {
        /// The seq of each body passed in, in order: a new seq, or the seq at which an
        /// identical entry with the same id was already recorded.
        /// Empty for a streamed batch (`StreamedAppend`), which keeps no per-entry list.
        public let seqs: [UInt64]
        /// How many of the bodies were new and appended.
        public let appendedCount: Int
        /// How many of the bodies were already recorded with the same content.
        public let existingCount: Int
        /// The seq of the first new entry (where it would go, in a dry run).
        public let firstSeq: UInt64
        /// The checkpoint covering the batch (the existing newest one when nothing was new,
        /// or in a dry run).
        public let checkpoint: Checkpoint
        public let note: SignedNote
        /// Derived files (the id index, saved state) that could not be updated after the
        /// checkpoint made the batch durable: the batch is acknowledged all the same, and
        /// the next open rebuilds them. Empty when all went well.
        public var derivedFileProblems: [String] = []

        public var count: Int { appendedCount }
    }

    /// A segment file grows past this size only by its last entry; then a new one starts.
    public static let segmentByteCountDefault: Int64 = 64 << 20

    let layout: LedgerLayout
    /// The key in force: replaced by the new key when this writer rotates (`rotateKey`).
    var signer: NoteSigner
    let origin: String
    let segmentByteCountMax: Int64
    private let lock: FileHandle
    var state: WriterState
    let ids: IdIndex
    var latestNote: SignedNote?
    /// Set after a failed write: the files may hold an unacknowledged tail, so only a
    /// fresh open (which cuts it back, or `cutBack()`) may write again.
    var failed = false

    init(layout: LedgerLayout, signer: NoteSigner, lock: FileHandle, state: WriterState, ids: IdIndex,
         segmentByteCountMax: Int64) {
        self.layout = layout
        self.signer = signer
        self.origin = signer.name
        self.lock = lock
        self.state = state
        self.ids = ids
        self.segmentByteCountMax = segmentByteCountMax
    }

    /// The number of acknowledged entries.
    public var size: UInt64 { state.size }

    public var directory: String { layout.directory }

    /// Appends `bodies` as one all-or-nothing batch under one new checkpoint, with schema
    /// checks only.
    public func append(_ bodies: [EntryBody]) throws -> AppendResult {
        var validator = SchemaOnlyValidation()
        return try append(bodies, validator: &validator)
    }

    /// Appends `bodies` as one all-or-nothing batch and signs one checkpoint over it.
    /// A body whose id is already in the log with the same payload is not written again
    /// (its existing seq is returned); the same id with another payload refuses the batch
    /// (STD-IDEMP). Every new entry passes `validator` first. Returns only after the
    /// entries and the checkpoint are durable.
    /// With `dryRun`, every check runs and nothing is written: the result tells what would
    /// have been appended, under the current checkpoint.
    public func append<Validator: EntryValidator>(_ bodies: [EntryBody], validator: inout Validator,
                                                  dryRun: Bool = false) throws -> AppendResult {
        guard !failed else { throw LedgerError(.io, "\(layout.directory): an earlier write failed; open the ledger again") }
        guard !bodies.isEmpty else { throw LedgerError(.usage, "nothing to append") }
        if bodies.count >= IdIndex.bulkCountMin { try ids.beginBulk() }
        defer { ids.endBulk() }
        let existing = try recordedSeqs(of: bodies)
        let freshIndices = bodies.indices.filter { existing[$0] == nil }
        let fresh = freshIndices.map { bodies[$0] }
        guard !fresh.isEmpty else {
            let (checkpoint, note) = try latestCheckpoint()
            return AppendResult(seqs: existing.map { $0! }, appendedCount: 0, existingCount: bodies.count, firstSeq: state.size,
                                checkpoint: checkpoint, note: note)
        }
        var trial = validator
        let batch: PreparedBatch
        do {
            batch = try state.prepare(fresh, time: UTCClock.now()) { entry, _ in try trial.admit(entry) }
        } catch let error as LedgerError where error.entryIndex != nil {
            let index = freshIndices[error.entryIndex!]
            throw LedgerError(error.code, "\(error.message) (entry \(index + 1), id \(PersonalData.quotable(bodies[index].id)))", entryIndex: index)
        }
        let committed: (Checkpoint, SignedNote, [String])
        if dryRun {
            let (checkpoint, note) = try latestCheckpoint()
            committed = (checkpoint, note, [])
        } else {
            committed = try commit(batch)
        }
        let (checkpoint, note, problems) = committed
        if !dryRun { validator = trial }
        var next = batch.firstSeq
        let seqs = existing.map { seq -> UInt64 in
            if let seq { return seq }
            defer { next += 1 }
            return next
        }
        return AppendResult(seqs: seqs, appendedCount: fresh.count, existingCount: bodies.count - fresh.count, firstSeq: batch.firstSeq,
                            checkpoint: checkpoint, note: note, derivedFileProblems: problems)
    }

    /// Writes, signs and indexes a prepared batch; any failure leaves the writer unusable.
    /// The checkpoint's rename is the commit point: a failure before it acknowledged
    /// nothing (and says what tail the next open cuts), one after it is a derived-file
    /// problem returned with the committed batch, never an error that hides the commit.
    func commit(_ batch: PreparedBatch, signedBy checkpointSigner: NoteSigner? = nil) throws -> (Checkpoint, SignedNote, [String]) {
        // state.size is the newest kept checkpoint's size (0 before the first one).
        let checkpoint = Checkpoint(origin: origin, size: batch.endSize, root: batch.root,
                                    extensions: [Checkpoint.previousLine(state.size)])
        let note: SignedNote
        do {
            try state.write(batch, layout: layout, segmentByteCountMax: segmentByteCountMax)
            note = try SignedNote.sign(text: checkpoint.text, signers: [checkpointSigner ?? signer])
            try CheckpointStore(layout: layout).write(note, size: checkpoint.size)
        } catch {
            failed = true
            throw LedgerWriter.uncommitted(error, firstSeq: batch.firstSeq, endSize: batch.endSize, directory: layout.directory)
        }
        state.commit(batch)
        latestNote = note
        let items = batch.ids.enumerated().map { (id: $0.element, seq: batch.firstSeq + UInt64($0.offset)) }
        do {
            try ids.insert(items, coveredSize: batch.endSize)
        } catch {
            failed = true
            return (checkpoint, note, ["ids: \(LedgerWriter.reason(error)); the next open of the ledger rebuilds the id index"])
        }
        return (checkpoint, note, [])
    }

    /// A failure before the checkpoint: nothing is acknowledged; entries, index or tree
    /// may hold an uncommitted tail that the next open cuts.
    static func uncommitted(_ error: Error, firstSeq: UInt64, endSize: UInt64, directory: String) -> LedgerError {
        let last = endSize - 1
        let range = firstSeq == last ? "seq \(firstSeq)" : "seq \(firstSeq)-\(last)"
        let code = (error as? LedgerError)?.code ?? .io
        return LedgerError(code == .corrupt ? .io : code,
                           "\(reason(error)); no checkpoint was signed for \(range), so nothing was acknowledged; "
                               + "any part of them already in \(directory)/entries, index or tree is an uncommitted tail "
                               + "that the next open cuts")
    }

    static func reason(_ error: Error) -> String {
        (error as? LedgerError)?.message ?? String(describing: error)
    }

    /// For each body, the seq of an identical entry already in the log, or nil when new.
    /// `base` is the position of `bodies[0]` in the whole batch (for a streamed part).
    func recordedSeqs(of bodies: [EntryBody], base: Int = 0) throws -> [UInt64?] {
        var seen: [String: Int] = [:]
        return try bodies.enumerated().map { offset, body in
            let position = base + offset
            if let first = seen[body.id] {
                throw LedgerError(.refused, "STD-IDEMP: entries \(first + 1) and \(position + 1) of the batch share id \(PersonalData.quotable(body.id))",
                                  entryIndex: offset)
            }
            seen[body.id] = position
            for seq in try ids.candidates(for: body.id) where seq < state.size {
                let recorded = try state.storedEntry(seq: seq)
                guard recorded.body.id == body.id else { continue }
                guard recorded.body == body else {
                    throw LedgerError(.refused, "STD-IDEMP: id \(PersonalData.quotable(body.id)) (entry \(position + 1)) was recorded at seq \(seq) with a different payload",
                                      entryIndex: offset)
                }
                return seq
            }
            return nil
        }
    }

    /// The acknowledged entry with writer id `id`, if any (through the id index).
    public func recordedEntry(id: String) throws -> Entry? {
        for seq in try ids.candidates(for: id) where seq < state.size {
            let entry = try state.storedEntry(seq: seq)
            if entry.body.id == id { return entry }
        }
        return nil
    }

    func latestCheckpoint() throws -> (Checkpoint, SignedNote) {
        if let latestNote { return (try Checkpoint(text: latestNote.text), latestNote) }
        return try CheckpointStore(layout: layout).verified(size: state.size, verifiers: [signer.verifier])
    }

    static func takeLock(_ layout: LedgerLayout) throws -> FileHandle {
        try LedgerLock.acquire(layout)
    }
}
