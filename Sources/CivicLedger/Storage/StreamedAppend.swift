#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One all-or-nothing batch appended in parts, for an import too large to hold in memory:
/// each part is checked (schema, `validator` against everything before it, STD-IDEMP),
/// encoded, hashed and written to the entries, index and tree as it comes, but no
/// checkpoint is signed until `commit()`, which signs one over the whole batch. Until then
/// nothing is acknowledged: `abandon()` (or, after a crash, the next open) cuts the files
/// back to the newest checkpoint exactly as recovery does.
///
/// Memory: the parts in flight and a fixed amount for the batch's id keys (`BatchIdKeys`:
/// a filter, the latest keys, the rest in a temporary file), which catch an id that repeats
/// across parts and, after the commit, go into the id index slot by slot, never loading the
/// table. A key seen before is confirmed by reading the entry it stands for back from the
/// files (and, should that entry's id differ, by reading every entry of the batch); in a
/// dry run, which writes nothing, a key match is taken as a repeat (a 2^-64 chance per pair
/// of a false refusal, never a false acceptance).
public final class StreamedAppend<Validator: EntryValidator> {
    private let writer: LedgerWriter
    /// The rules' state after every entry of the parts so far.
    public private(set) var validator: Validator
    public let dryRun: Bool
    private let time: String
    private let firstSeq: UInt64
    private var last: PreparedBatch?
    private let keys: BatchIdKeys
    /// One SHA-256 context for every id key of the batch.
    private let hasher = SHA256()
    /// Bodies passed in so far, and how many of them were already recorded.
    public private(set) var bodyCount = 0
    public private(set) var existingCount = 0
    private var finished = false
    /// Ids go into the id index this many at a time after the commit.
    static var indexSliceCount: Int { 65_536 }

    /// `spillDirectory`: where the batch's id keys go once they outgrow memory.
    init(writer: LedgerWriter, validator: Validator, dryRun: Bool, spillDirectory: String) throws {
        self.writer = writer
        self.validator = validator
        self.dryRun = dryRun
        time = UTCClock.now()
        firstSeq = writer.state.size
        keys = try BatchIdKeys(directory: spillDirectory)
    }

    /// The entries new in this batch so far.
    public var appendedCount: Int { keys.newCount }

    /// Checks and writes (unless a dry run) one part. A failure carries the position of the
    /// entry at fault within `bodies` (`entryIndex`); the batch is then spoiled and only
    /// `abandon()` may follow.
    public func append(_ bodies: [EntryBody]) throws {
        precondition(!finished, "a finished batch takes no more parts")
        guard !bodies.isEmpty else { return }
        let existing: [UInt64?]
        let idKeys = bodies.map { IdIndex.key($0.id, hasher: hasher) }
        do {
            existing = try writer.recordedSeqs(of: bodies, base: bodyCount)
            try checkRepeats(bodies, keys: idKeys)
        } catch {
            finished = true
            throw error
        }
        let freshIndices = bodies.indices.filter { existing[$0] == nil }
        if !freshIndices.isEmpty { try write(freshIndices.map { bodies[$0] }, positions: freshIndices) }
        do {
            var seq = firstSeq + UInt64(keys.newCount)
            for offset in bodies.indices {
                let isNew = existing[offset] == nil
                try keys.add(idKeys[offset], seq: existing[offset] ?? seq, isNew: isNew)
                if isNew { seq += 1 }
            }
        } catch {
            finished = true
            throw error
        }
        bodyCount += bodies.count
        existingCount += bodies.count - freshIndices.count
    }

    private func write(_ fresh: [EntryBody], positions: [Int]) throws {
        var trial = validator
        let batch: PreparedBatch
        do {
            batch = try writer.state.prepare(fresh, time: time, after: last) { entry, _ in try trial.admit(entry) }
        } catch let error as LedgerError where error.entryIndex != nil {
            finished = true
            let index = positions[error.entryIndex!]
            let ordinal = bodyCount + index + 1
            throw LedgerError(error.code, "\(error.message) (entry \(ordinal), id \(PersonalData.quotable(fresh[error.entryIndex!].id)))",
                              entryIndex: index)
        }
        if !dryRun {
            do {
                try writer.state.write(batch, layout: writer.layout, segmentByteCountMax: writer.segmentByteCountMax, durable: false)
            } catch {
                finished = true
                writer.failed = true
                throw LedgerWriter.uncommitted(error, firstSeq: firstSeq, endSize: batch.endSize, directory: writer.directory)
            }
        }
        if !dryRun {
            // Entries already in the files need not stay in the validator's memory.
            let first = firstSeq
            trial.partWritten { [writer] seq in
                guard seq >= first, seq < writer.state.writtenSize else { return nil }
                return try writer.state.storedEntry(seq: seq)
            }
        }
        validator = trial
        last = batch
    }

    /// Refuses a body whose id an earlier part of this batch already used (a repeat within
    /// one part is `recordedSeqs`' check).
    private func checkRepeats(_ bodies: [EntryBody], keys idKeys: [UInt64]) throws {
        for (offset, body) in bodies.enumerated() {
            let seqs = try keys.seqs(of: idKeys[offset])
            guard !seqs.isEmpty else { continue }
            if !dryRun, try !isRepeat(body.id, seqs: seqs) { continue }
            throw LedgerError(.refused, "STD-IDEMP: entry \(bodyCount + offset + 1) repeats the id \(PersonalData.quotable(body.id)) of an earlier entry of the batch",
                              entryIndex: offset)
        }
    }

    /// Whether an earlier entry of the batch holds `id`, given the seqs its key stands for:
    /// each is read back (an id already in the ledger from the ledger, a new one from the
    /// batch's written part); only when none holds `id` (two ids sharing a key) is every
    /// entry of the batch read, since a key kept once may stand for either id.
    private func isRepeat(_ id: String, seqs: [UInt64]) throws -> Bool {
        for seq in seqs where try writer.state.storedEntry(seq: seq).body.id == id { return true }
        return try writtenInBatch(id)
    }

    /// Whether an entry of this batch already written holds `id`.
    private func writtenInBatch(_ id: String) throws -> Bool {
        var seq = firstSeq
        while seq < writer.state.writtenSize {
            if try writer.state.storedEntry(seq: seq).body.id == id { return true }
            seq += 1
        }
        return false
    }

    /// Makes the batch durable and signs one checkpoint over it (nothing new: the newest
    /// checkpoint; a dry run: what would have been appended, under the newest checkpoint).
    public func commit() throws -> LedgerWriter.AppendResult {
        precondition(!finished, "a batch is committed once")
        finished = true
        let (current, currentNote) = try writer.latestCheckpoint()
        guard let last, !dryRun else {
            return LedgerWriter.AppendResult(seqs: [], appendedCount: appendedCount, existingCount: existingCount,
                                             firstSeq: firstSeq, checkpoint: current, note: currentNote)
        }
        let checkpoint = Checkpoint(origin: writer.origin, size: last.endSize, root: last.root,
                                    extensions: [Checkpoint.previousLine(firstSeq)])
        let note: SignedNote
        do {
            try writer.state.syncAll()
            note = try SignedNote.sign(text: checkpoint.text, signers: [writer.signer])
            try CheckpointStore(layout: writer.layout).write(note, size: checkpoint.size)
        } catch {
            writer.failed = true
            throw LedgerWriter.uncommitted(error, firstSeq: firstSeq, endSize: last.endSize, directory: writer.directory)
        }
        writer.state.commit(last)
        writer.latestNote = note
        var result = LedgerWriter.AppendResult(seqs: [], appendedCount: appendedCount, existingCount: existingCount,
                                               firstSeq: firstSeq, checkpoint: checkpoint, note: note)
        do {
            // In slices, in seq order, so each slice's end is covered.
            var done = 0
            try keys.forEachNewSlice(count: StreamedAppend.indexSliceCount) { slice in
                let items = slice.enumerated().map { (key: $0.element, seq: firstSeq + UInt64(done + $0.offset)) }
                done += slice.count
                try writer.ids.insert(keys: items, coveredSize: firstSeq + UInt64(done), inMemory: false)
            }
        } catch {
            writer.failed = true
            writer.ids.endBulk()
            result.derivedFileProblems.append("ids: \(LedgerWriter.reason(error)); the next open of the ledger rebuilds the id index")
        }
        return result
    }

    /// Cuts back whatever parts were written, leaving the files exactly as the newest
    /// checkpoint covers them; the writer may write again afterwards.
    public func abandon() throws {
        finished = true
        guard !dryRun, writer.failed || writer.state.writtenSize > writer.state.size else { return }
        try writer.cutBack()
    }
}

extension LedgerWriter {
    /// Starts a streamed all-or-nothing batch (`StreamedAppend`) checked by `validator`.
    public func beginStream<Validator: EntryValidator>(validator: Validator, dryRun: Bool = false) throws -> StreamedAppend<Validator> {
        guard !failed else { throw LedgerError(.io, "\(layout.directory): an earlier write failed; open the ledger again") }
        // A dry run writes nothing in the ledger, which may be read-only.
        let spill = dryRun ? (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") : layout.directory
        return try StreamedAppend(writer: self, validator: validator, dryRun: dryRun, spillDirectory: spill)
    }

    /// Cuts every file back to the newest checkpoint, as opening the ledger does after a
    /// crash, and makes the writer usable again.
    func cutBack() throws {
        let (checkpoint, _) = try latestCheckpoint()
        state = try Recovery(layout: layout, segments: try SegmentSet(layout: layout), checkpoint: checkpoint).run()
        failed = false
    }
}
