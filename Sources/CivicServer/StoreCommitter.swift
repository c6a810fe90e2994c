import CivicAudit
import CivicLedger
import Logging

/// The writer of one served ledger kept in a database (`LedgerStore`), which other servers
/// may write at the same time: each pool is one batch under the store's per-batch write
/// lock, judged after the rules' book has taken in every entry committed meanwhile
/// (`StoreWriteSession`). Used only by the ledger's writer thread.
final class StoreCommitter: LedgerCommitting, @unchecked Sendable {
    let location: String
    private let openStore: @Sendable () throws -> any LedgerStore
    private let signer: NoteSigner
    private let ruleSet: RuleSet
    private let logger: Logger
    private let metrics: ServerMetrics
    private var session: StoreWriteSession?
    /// The book is saved (derived state) at most this often, and on close, as the directory
    /// writer does; a node that dies only costs a catch-up from the log on the next open.
    private let bookSaveIntervalNanos: UInt64 = 5_000_000_000
    private var lastBookSaveNanos = ConditionLock.nowNanos()
    private var unsavedEntries = false

    init(access: ServerConfiguration.StoreAccess, signer: NoteSigner, ruleSet: RuleSet, logger: Logger,
         metrics: ServerMetrics) throws {
        location = access.location
        openStore = access.openStore
        self.signer = signer
        self.ruleSet = ruleSet
        self.logger = logger
        self.metrics = metrics
        try reopen()
    }

    var isWritable: Bool { session != nil }

    /// A new connection and a book caught up to the newest checkpoint.
    private func reopen() throws {
        session = nil
        session = try StoreWriteSession(store: try openStore(), signer: signer, ruleSet: ruleSet)
    }

    func commit(_ requests: [[EntryBody]]) -> [WriteOutcome] {
        if session == nil {
            // The database was unreachable when the last write failed (a restart, a crash):
            // each later pool tries again, so writes resume once it is back.
            do { try reopen() } catch {
                let failure = LedgerError(.io, "the ledger cannot be written: the database cannot be reached (\((error as? LedgerError)?.message ?? "\(error)"))")
                return requests.map { _ in .failed(failure) }
            }
        }
        guard var running = session else {
            return requests.map { _ in .failed(LedgerError(.io, "the ledger cannot be written: no session")) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let result = try running.appendPool(requests)
            session = running
            let note = try result.checkpoint ?? SignedNote.parse(try running.store.checkpointBytes(size: result.size))
            let checkpoint = try Checkpoint(text: note.text)
            let elapsed = clock.now - start
            metrics.recordPool(requests: requests.count, entries: result.appendedCount, write: elapsed, commit: elapsed)
            if result.appendedCount > 0 { unsavedEntries = true }
            saveBookIfDue(force: false)
            return result.outcomes.map { outcome -> WriteOutcome in
                switch outcome {
                case .success(let seqs): .accepted(seqs: seqs, checkpoint: checkpoint, note: note)
                case .failure(let error): .refused(error)
                }
            }
        } catch {
            let failure = error as? LedgerError ?? LedgerError(.io, "\(error)")
            logger.error("write failed; nothing of this pool was acknowledged", metadata: [
                "ledger": "\(location)", "error": "\(failure.message)"])
            recover()
            return requests.map { _ in .failed(failure) }
        }
    }

    /// After a failed write (a lost connection, a failed transaction): a new connection and
    /// session; the store re-reads the edge on every batch, so nothing else is repaired.
    private func recover() {
        do {
            try reopen()
            logger.notice("ledger reconnected after a failed write", metadata: ["ledger": "\(location)"])
        } catch {
            logger.critical("ledger cannot be reconnected; writes are refused", metadata: [
                "ledger": "\(location)", "error": "\((error as? LedgerError)?.message ?? "\(error)")"])
        }
    }

    private func saveBookIfDue(force: Bool) {
        guard unsavedEntries, let session else { return }
        let now = ConditionLock.nowNanos()
        guard force || now - lastBookSaveNanos >= bookSaveIntervalNanos else { return }
        let problems = session.saveBook()
        guard problems.isEmpty else {
            logger.warning("could not save the rules' book", metadata: ["ledger": "\(location)", "problems": "\(problems.joined(separator: "; "))"])
            return
        }
        unsavedEntries = false
        lastBookSaveNanos = now
    }

    func close() {
        saveBookIfDue(force: true)
        session = nil
    }
}
