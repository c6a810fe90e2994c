import CivicAudit
import CivicLedger
import Logging

/// The writer of one served ledger: the open `LedgerWriter` (holding the directory's lock)
/// and the rules' running book. Used only by the ledger's writer thread.
final class LedgerCommitter: LedgerCommitting, @unchecked Sendable {
    let directory: String
    private let signer: NoteSigner
    private let rules: [any Rule]
    private let logger: Logger
    private let metrics: ServerMetrics
    private var writer: LedgerWriter?
    private var validator: BookValidator?
    /// The book is saved (derived state) at most this often while writing, and on stop;
    /// a crash only costs a catch-up from the log on the next open.
    private let bookSaveIntervalNanos: UInt64 = 5_000_000_000
    private var lastBookSaveNanos = ConditionLock.nowNanos()
    private var unsavedEntries = false

    init(directory: String, signer: NoteSigner, ruleSet: RuleSet, logger: Logger, metrics: ServerMetrics) throws {
        self.directory = directory
        self.signer = signer
        self.rules = try RuleCatalogue.entryRules(ruleSet)
        self.logger = logger
        self.metrics = metrics
        try reopen()
    }

    /// True while the writer can append (false after a failed write it could not recover from).
    var isWritable: Bool { writer != nil }

    /// Opens the writer (cutting back any unacknowledged tail) and catches the book up.
    private func reopen() throws {
        writer = nil
        validator = nil
        let opened = try LedgerWriter.open(directory: directory, signer: signer)
        let reader = try LedgerReader(directory: directory)
        // Reversal targets written by this server are read back through the writer, so
        // the validator need not keep them in memory.
        validator = try BookStore.validator(reader: reader, rules: rules, storedEntry: { seq in
            try opened.entry(seq: seq)
        })
        writer = opened
    }

    /// Writes one pool; one outcome a request, in order.
    func commit(_ requests: [[EntryBody]]) -> [WriteOutcome] {
        guard let writer, var running = validator else {
            let error = LedgerError(.io, "the ledger cannot be written: an earlier write failed and reopening it failed")
            return requests.map { _ in .failed(error) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let result = try writer.appendPool(requests, validator: &running)
            running.settle()
            validator = running
            metrics.recordPool(requests: requests.count, entries: result.appendedCount,
                               write: result.writeDuration, commit: clock.now - start)
            if result.appendedCount > 0 { unsavedEntries = true }
            saveBookIfDue(force: false)
            let outcomes = result.outcomes.map { outcome -> WriteOutcome in
                switch outcome {
                case .success(let seqs): .accepted(seqs: seqs, checkpoint: result.checkpoint, note: result.note)
                case .failure(let error): .refused(error)
                }
            }
            if !result.derivedFileProblems.isEmpty {
                // Committed and acknowledged; the writer must reopen (which repairs the id index).
                logger.warning("pool committed, but derived files need repair", metadata: [
                    "ledger": "\(directory)", "problems": "\(result.derivedFileProblems.joined(separator: "; "))"])
                recover()
            }
            return outcomes
        } catch {
            let failure = error as? LedgerError ?? LedgerError(.io, "\(error)")
            logger.error("write failed; nothing of this pool was acknowledged", metadata: [
                "ledger": "\(directory)", "error": "\(failure.message)"])
            recover()
            return requests.map { _ in .failed(failure) }
        }
    }

    /// After a failed write: a fresh open cuts back the unacknowledged tail.
    private func recover() {
        do {
            try reopen()
            logger.notice("ledger reopened after a failed write", metadata: ["ledger": "\(directory)"])
        } catch {
            logger.critical("ledger cannot be reopened; writes are refused", metadata: [
                "ledger": "\(directory)", "error": "\((error as? LedgerError)?.message ?? "\(error)")"])
        }
    }

    /// Saves the book when entries were written since the last save and the interval
    /// passed (or at once with `force`).
    func saveBookIfDue(force: Bool) {
        guard unsavedEntries, let writer, let validator else { return }
        let now = ConditionLock.nowNanos()
        guard force || now - lastBookSaveNanos >= bookSaveIntervalNanos else { return }
        do {
            try BookStore.save(validator, writer: writer)
            unsavedEntries = false
            lastBookSaveNanos = now
        } catch {
            // The book is derived: the next open rebuilds what is missing from the log.
            logger.warning("could not save the rules' book", metadata: [
                "ledger": "\(directory)", "error": "\((error as? LedgerError)?.message ?? "\(error)")"])
        }
    }

    /// Saves the book and closes the writer, releasing the lock.
    func close() {
        saveBookIfDue(force: true)
        writer = nil
        validator = nil
    }
}

/// A served ledger's writer, used only by its writer thread: a directory's
/// (`LedgerCommitter`) or a database's (`StoreCommitter`).
protocol LedgerCommitting: AnyObject, Sendable {
    /// Writes one pool; one outcome a request, in order.
    func commit(_ requests: [[EntryBody]]) -> [WriteOutcome]
    /// True while the writer can append.
    var isWritable: Bool { get }
    /// Saves the book and lets go of the ledger.
    func close()
}
