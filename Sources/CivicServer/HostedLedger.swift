import CivicLedger
import Logging

/// One ledger the server hosts: its name under `/ledgers/`, its directory or database
/// (read by public routes through a fresh `LedgerReader`, or a `StoreLog` over a pooled
/// connection), and its write queue and writer thread.
/// `writable` is guarded by `health`; the committer is used only on the writer thread.
final class HostedLedger: @unchecked Sendable {
    let name: String
    /// The directory, or the database location (for messages).
    let directory: String
    let verifier: NoteVerifier
    let queue: WriteQueue
    /// Asks the witnesses after writes; nil without `--witness`.
    let cosigner: LedgerCosigner?
    private let committer: any LedgerCommitting
    /// Read connections of a database ledger; nil for a directory.
    private let pool: StorePool?
    private let health = ConditionLock()
    private var writable = true
    /// A database ledger's key entries as the last read found them, guarded by `health`:
    /// each read then looks only at entries committed since for new ones (a rotation by
    /// `civic key rotate URL` while the server runs).
    private var keyEntries: (entries: [(entry: Entry, bytes: [UInt8])], size: UInt64)?

    init(_ ledger: ServerConfiguration.Ledger, configuration: ServerConfiguration, logger: Logger,
         metrics: ServerMetrics) throws {
        let signer = try KeyFile.load(ledger.keyPath)
        name = ledger.name
        directory = ledger.directory
        verifier = signer.verifier
        if let access = ledger.store {
            committer = try StoreCommitter(access: access, signer: signer, ruleSet: configuration.ruleSet, logger: logger, metrics: metrics)
            pool = StorePool(openStore: access.openStore)
        } else {
            committer = try LedgerCommitter(directory: ledger.directory, signer: signer, ruleSet: configuration.ruleSet,
                                            logger: logger, metrics: metrics)
            pool = nil
        }
        let (seconds, attoseconds) = configuration.poolWindow.components
        let windowNanos = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        queue = WriteQueue(windowNanos: windowNanos, requestCountMax: configuration.queueRequestCountMax,
                           poolEntryCountMax: configuration.poolEntryCountMax)
        let clients = configuration.witnesses.map {
            WitnessClient(prefix: $0.url, key: $0.key, timeoutSeconds: Double(configuration.witnessTimeoutSeconds))
        }
        cosigner = clients.isEmpty ? nil
            : try LedgerCosigner(directory: ledger.directory, clients: clients, quorum: configuration.quorum, logger: logger)
    }

    func start() {
        queue.start { [committer, health, cosigner] requests in
            let outcomes = committer.commit(requests)
            let isWritable = committer.isWritable
            health.withLock { self.writable = isWritable }
            // Only a signal: the witnesses are asked after the acknowledgements go out.
            if outcomes.contains(where: { if case .accepted = $0 { true } else { false } }) { cosigner?.checkpointAdvanced() }
            return outcomes
        }
        cosigner?.start()
    }

    /// True while the writer can append.
    var isWritable: Bool { health.withLock { writable } }

    /// Finishes queued writes, saves the book and releases the writer lock.
    func stop() {
        cosigner?.stop()  // no attach runs after this, so none outlives the writer lock
        queue.stop()
        committer.close()
    }

    /// Runs `body` with the ledger at its newest checkpoint (a fresh view: it sees every
    /// write acknowledged before, by this server or, for a database, by any other).
    func read<Value>(_ body: (any ProofLog) throws -> Value) throws -> Value {
        guard let pool else { return try body(try LedgerReader(directory: directory)) }
        return try pool.with { store in
            let log = try StoreLog(store: store)
            if let known = health.withLock({ keyEntries }) { log.assumeKeyEntries(known.entries, below: known.size) }
            let value = try body(log)
            if let covered = log.keyEntriesCovered {
                health.withLock { if covered.size > keyEntries?.size ?? 0 { keyEntries = covered } }
            }
            return value
        }
    }

    /// The newest checkpoint, which exactly this server's key must have signed.
    func newestCheckpoint() throws -> Checkpoint {
        try read { log in
            let note = try SignedNote.parse(try log.checkpointBytes(size: log.size))
            _ = try note.verify([verifier])
            return try Checkpoint(text: note.text)
        }
    }
}
