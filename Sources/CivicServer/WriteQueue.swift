import CivicLedger

/// The write requests waiting for one ledger's writer thread. The thread takes every
/// request that arrived within the pool window (up to `poolEntryCountMax` entries) and
/// hands them to `commit` as one pool: one append, one fsync, one checkpoint.
final class WriteQueue: @unchecked Sendable {
    typealias Commit = @Sendable ([[EntryBody]]) -> [WriteOutcome]

    private struct Job {
        let bodies: [EntryBody]
        let arrivalNanos: UInt64
        let reply: CheckedContinuation<WriteOutcome, Never>
    }

    private let lock = ConditionLock()
    // Guarded by `lock`.
    private var jobs: [Job] = []
    private var stopping = false
    /// When the last pool was answered: its clients' next requests are given the window
    /// from then to join the next pool (which otherwise holds only those that arrived
    /// during the commit: about half of the clients under steady load).
    private var lastPoolEndNanos: UInt64 = 0
    private var join: (@Sendable () -> Void)?

    let windowNanos: UInt64
    let requestCountMax: Int
    let poolEntryCountMax: Int

    init(windowNanos: UInt64, requestCountMax: Int, poolEntryCountMax: Int) {
        precondition(requestCountMax > 0 && poolEntryCountMax > 0, "queue limits are positive")
        self.windowNanos = windowNanos
        self.requestCountMax = requestCountMax
        self.poolEntryCountMax = poolEntryCountMax
    }

    /// Starts the writer thread; `commit` runs only there.
    func start(commit: @escaping Commit) {
        precondition(join == nil, "started once")
        join = startThread { [self] in run(commit) }
    }

    /// Queues a request and waits for its outcome: `.queueFull` at once when the queue
    /// already holds `requestCountMax` requests, `.stopping` after `stop`.
    func submit(_ bodies: [EntryBody]) async -> WriteOutcome {
        await withCheckedContinuation { reply in
            let refusal: WriteOutcome? = lock.withLock {
                if stopping { return .stopping }
                if jobs.count >= requestCountMax { return .queueFull }
                jobs.append(Job(bodies: bodies, arrivalNanos: ConditionLock.nowNanos(), reply: reply))
                lock.broadcast()
                return nil
            }
            if let refusal { reply.resume(returning: refusal) }
        }
    }

    var depth: Int { lock.withLock { jobs.count } }

    /// How long the oldest waiting request has waited, in nanoseconds (0 when none waits).
    var oldestWaitNanos: UInt64 {
        lock.withLock {
            guard let first = jobs.first else { return 0 }
            let now = ConditionLock.nowNanos()
            return now > first.arrivalNanos ? now - first.arrivalNanos : 0
        }
    }

    /// Refuses new requests, lets the thread finish every queued one, and waits for it.
    func stop() {
        lock.withLock {
            stopping = true
            lock.broadcast()
        }
        join?()
        join = nil
    }

    private func run(_ commit: Commit) {
        while let pool = nextPool() {
            let outcomes = commit(pool.map(\.bodies))
            precondition(outcomes.count == pool.count, "one outcome a request")
            for (job, outcome) in zip(pool, outcomes) { job.reply.resume(returning: outcome) }
            lock.withLock { lastPoolEndNanos = ConditionLock.nowNanos() }
        }
    }

    /// Waits for a first request, then until the window after its arrival (or after the
    /// last pool was answered, if later) closes or the pool is full, and takes the pool. Nil once stopping with nothing left.
    private func nextPool() -> [Job]? {
        lock.withLock {
            while jobs.isEmpty {
                if stopping { return nil }
                lock.wait()
            }
            let deadline = max(jobs[0].arrivalNanos, lastPoolEndNanos) + windowNanos
            while !stopping, entryCount() < poolEntryCountMax, ConditionLock.nowNanos() < deadline {
                lock.wait(untilNanos: deadline)
            }
            var taken = 0
            var entries = 0
            // Always take the first request, however large; then whole requests that fit.
            while taken < jobs.count, taken == 0 || entries + jobs[taken].bodies.count <= poolEntryCountMax {
                entries += jobs[taken].bodies.count
                taken += 1
            }
            let pool = Array(jobs[..<taken])
            jobs.removeFirst(taken)
            return pool
        }
    }

    private func entryCount() -> Int {
        jobs.reduce(0) { $0 + $1.bodies.count }
    }
}

/// What became of one write request.
enum WriteOutcome: Sendable {
    /// Durable and covered by `note`: each line's seq, in order.
    case accepted(seqs: [UInt64], checkpoint: Checkpoint, note: SignedNote)
    /// Refused before anything was written (a rule, STD-IDEMP, a schema check).
    case refused(LedgerError)
    /// The write failed; nothing of the pool was acknowledged.
    case failed(LedgerError)
    case queueFull
    case stopping
}
