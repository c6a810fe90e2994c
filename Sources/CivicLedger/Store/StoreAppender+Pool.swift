/// Group commit on any `LedgerStore`: several independent requests judged one after the
/// other and written as one batch under one checkpoint, each request still all or nothing
/// (what `LedgerWriter.appendPool` does for a directory).
extension StoreAppender {
    /// What a pooled append did for each request.
    public struct PoolResult: Sendable {
        /// Per request, in order: each body's seq (new, or where an identical entry was
        /// already recorded), or the error that refused the whole request.
        public let outcomes: [Swift.Result<[UInt64], LedgerError>]
        public let appendedCount: Int
        /// The size of the log after the pool (the committed edge when nothing was new).
        public let size: UInt64
        /// The checkpoint covering the pool; nil when nothing was new.
        public let checkpoint: SignedNote?
    }

    /// Judges `requests` in order, under the store's write lock, against the committed log
    /// (other processes' entries first handed to `take`, as `append` does) and the requests
    /// accepted before them, then commits every accepted request's new entries as one batch.
    /// A refused request leaves no trace, neither entries nor effect on `validator`. An I/O
    /// error while judging (a failed query: the transaction is lost) fails the whole pool,
    /// as a failed commit does: it throws and nothing is acknowledged.
    public func appendPool<Validator: EntryValidator>(
        _ requests: [[EntryBody]], validator: inout Validator, validatorSize: inout UInt64?,
        take: (inout Validator, Entry) throws -> Void = { try $0.admit($1) }
    ) throws -> PoolResult {
        precondition(!requests.isEmpty, "a pool holds at least one request")
        let kept = validator
        let keptSize = validatorSize
        let time = UTCClock.now()
        let (result, trial, trialSize) = try writer.commit { locked -> (StoreBatch?, (PoolResult, Validator, UInt64?)) in
            var running = kept
            if let keptSize { try StoreAppender.catchUp(&running, from: keptSize, locked: locked, signer: signer, take: take) }
            var pool = PoolState(edge: locked.edge)
            let outcomes = try requests.map { bodies -> Swift.Result<[UInt64], LedgerError> in
                do {
                    return .success(try admit(bodies, into: &pool, time: time, locked: locked, validator: &running))
                } catch let error as LedgerError where error.code != .io {
                    return .failure(error)
                }
            }
            let edge = locked.edge
            guard let last = pool.parts.last else {
                return (nil, (PoolResult(outcomes: outcomes, appendedCount: 0, size: edge.size, checkpoint: nil), running, keptSize.map { _ in edge.size }))
            }
            let joined = PreparedBatch(joining: pool.parts)
            let checkpoint = Checkpoint(origin: signer.name, size: last.endSize, root: last.root,
                                        extensions: [Checkpoint.previousLine(edge.size)])
            let batch = StoreBatch(joined, checkpoint: try SignedNote.sign(text: checkpoint.text, signers: [signer]))
            let result = PoolResult(outcomes: outcomes, appendedCount: joined.records.count, size: batch.endSize, checkpoint: batch.checkpoint)
            return (batch, (result, running, keptSize.map { _ in batch.endSize }))
        }
        validator = trial
        validatorSize = trialSize
        return result
    }

    /// The pool so far: its prepared parts and the ids it recorded.
    private struct PoolState {
        let edge: LedgerEdge
        var parts: [PreparedBatch] = []
        var pooled: [String: (seq: UInt64, body: EntryBody)] = [:]

        var tail: LedgerEdge { parts.last?.edge ?? edge }
    }

    /// One request of a pool: its seqs, with its new entries prepared after the pool's tail.
    /// Throws, changing nothing, when any entry is refused.
    private func admit<Validator: EntryValidator>(_ bodies: [EntryBody], into pool: inout PoolState, time: String,
                                                  locked: LockedLedger, validator: inout Validator) throws -> [UInt64] {
        guard !bodies.isEmpty else { throw LedgerError(.usage, "nothing to append") }
        var seqs = try StoreAppender.recordedSeqs(of: bodies, locked: locked)
        for (position, body) in bodies.enumerated() where seqs[position] == nil {
            guard let earlier = pool.pooled[body.id] else { continue }
            guard earlier.body == body else {
                throw LedgerError(.refused, "STD-IDEMP: id \(PersonalData.quotable(body.id)) (entry \(position + 1)) was just recorded at seq \(earlier.seq) with a different payload",
                                  entryIndex: position)
            }
            seqs[position] = earlier.seq
        }
        let fresh = bodies.indices.filter { seqs[$0] == nil }
        guard !fresh.isEmpty else { return seqs.map { $0! } }
        var trial = validator
        let part: PreparedBatch
        do {
            part = try PreparedBatch.prepare(fresh.map { bodies[$0] }, time: time, after: pool.tail, batchStart: pool.edge.size) { entry, _ in
                try trial.admit(entry)
            }
        } catch let error as LedgerError where error.entryIndex != nil {
            let index = fresh[error.entryIndex!]
            throw LedgerError(error.code, "\(error.message) (entry \(index + 1), id \(PersonalData.quotable(bodies[index].id)))", entryIndex: index)
        }
        validator = trial
        pool.parts.append(part)
        var next = part.firstSeq
        for index in fresh {
            seqs[index] = next
            next += 1
        }
        for (body, seq) in zip(bodies, seqs) where pool.pooled[body.id] == nil { pool.pooled[body.id] = (seq!, body) }
        return seqs.map { $0! }
    }
}
