/// Group commit: several independent requests written with one append, one fsync and one
/// checkpoint, each request still all or nothing.
extension LedgerWriter {
    /// What a pooled append did for each request, and the checkpoint that covers them.
    public struct PoolResult: Sendable {
        /// Per request, in order: each body's seq (new, or where an identical entry was
        /// already recorded), or the error that refused the whole request.
        public let outcomes: [Result<[UInt64], LedgerError>]
        /// New entries written, over all requests.
        public let appendedCount: Int
        /// The checkpoint covering every accepted request (the existing newest one when
        /// nothing was new).
        public let checkpoint: Checkpoint
        public let note: SignedNote
        /// Time spent making the pool durable: the appends and their fsyncs, signing and
        /// writing the checkpoint, indexing the ids (zero when nothing was new).
        public let writeDuration: Duration
        /// Derived files (the id index) that could not be updated after the checkpoint was
        /// written: the pool is committed and acknowledged all the same, but the writer must
        /// be opened again before it writes more.
        public let derivedFileProblems: [String]
    }

    /// Judges `requests` one after the other against the log and the requests accepted
    /// before them in the pool, then writes every accepted request's new entries as one
    /// batch under one checkpoint. A refused request leaves no trace: neither its entries
    /// nor its effect on `validator`. Returns only once the accepted entries and the
    /// checkpoint are durable; a write failure throws and no request is acknowledged.
    public func appendPool<Validator: EntryValidator>(_ requests: [[EntryBody]],
                                                      validator: inout Validator) throws -> PoolResult {
        guard !failed else { throw LedgerError(.io, "\(layout.directory): an earlier write failed; open the ledger again") }
        precondition(!requests.isEmpty, "a pool holds at least one request")
        if requests.reduce(0, { $0 + $1.count }) >= IdIndex.bulkCountMin { try ids.beginBulk() }
        defer { ids.endBulk() }
        var running = validator
        var parts: [PreparedBatch] = []
        var pooled: [String: (seq: UInt64, body: EntryBody)] = [:]
        let time = UTCClock.now()
        let outcomes = requests.map { bodies -> Result<[UInt64], LedgerError> in
            do {
                let seqs = try admitRequest(bodies, after: parts.last, time: time, pooled: pooled, validator: &running) {
                    parts.append($0)
                }
                for (body, seq) in zip(bodies, seqs) where pooled[body.id] == nil { pooled[body.id] = (seq, body) }
                return .success(seqs)
            } catch let error as LedgerError {
                return .failure(error)
            } catch {
                return .failure(LedgerError(.io, "\(layout.directory): \(error)"))
            }
        }
        guard !parts.isEmpty else {
            let (checkpoint, note) = try latestCheckpoint()
            return PoolResult(outcomes: outcomes, appendedCount: 0, checkpoint: checkpoint, note: note, writeDuration: .zero,
                              derivedFileProblems: [])
        }
        let batch = PreparedBatch(joining: parts)
        let clock = ContinuousClock()
        let start = clock.now
        let (checkpoint, note, problems) = try commit(batch)
        let writeDuration = clock.now - start
        validator = running
        return PoolResult(outcomes: outcomes, appendedCount: batch.records.count, checkpoint: checkpoint, note: note,
                          writeDuration: writeDuration, derivedFileProblems: problems)
    }

    /// One request of a pool: its seqs, with its new entries prepared after `previous` and
    /// handed to `accept`. Throws, changing nothing, when any entry is refused.
    private func admitRequest<Validator: EntryValidator>(
        _ bodies: [EntryBody], after previous: PreparedBatch?, time: String,
        pooled: [String: (seq: UInt64, body: EntryBody)], validator: inout Validator,
        accept: (PreparedBatch) -> Void
    ) throws -> [UInt64] {
        guard !bodies.isEmpty else { throw LedgerError(.usage, "nothing to append") }
        var seqs = try recordedSeqs(of: bodies)
        for (position, body) in bodies.enumerated() where seqs[position] == nil {
            guard let earlier = pooled[body.id] else { continue }
            guard earlier.body == body else {
                throw LedgerError(.refused, "STD-IDEMP: id \(PersonalData.quotable(body.id)) (entry \(position + 1)) was just recorded at seq \(earlier.seq) with a different payload",
                                  entryIndex: position)
            }
            seqs[position] = earlier.seq
        }
        let freshIndices = bodies.indices.filter { seqs[$0] == nil }
        guard !freshIndices.isEmpty else { return seqs.map { $0! } }
        var trial = validator
        let batch: PreparedBatch
        do {
            batch = try state.prepare(freshIndices.map { bodies[$0] }, time: time, after: previous) { entry, _ in
                try trial.admit(entry)
            }
        } catch let error as LedgerError where error.entryIndex != nil {
            let index = freshIndices[error.entryIndex!]
            throw LedgerError(error.code, "\(error.message) (entry \(index + 1), id \(PersonalData.quotable(bodies[index].id)))", entryIndex: index)
        }
        validator = trial
        accept(batch)
        var next = batch.firstSeq
        for index in freshIndices {
            seqs[index] = next
            next += 1
        }
        return seqs.map { $0! }
    }

    /// The acknowledged entry at `seq`, or nil past the log's end.
    public func entry(seq: UInt64) throws -> Entry? {
        guard seq < state.size else { return nil }
        return try state.storedEntry(seq: seq)
    }
}
