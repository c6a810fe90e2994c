import CivicLedger
import Logging

/// One ledger the server hosts: its name under `/ledgers/`, its directory (read by public
/// routes through fresh `LedgerReader`s), and its write queue and writer thread.
/// `writable` is guarded by `health`; the committer is used only on the writer thread.
final class HostedLedger: @unchecked Sendable {
    let name: String
    let directory: String
    let verifier: NoteVerifier
    let queue: WriteQueue
    /// Asks the witnesses after writes; nil without `--witness`.
    let cosigner: LedgerCosigner?
    private let committer: LedgerCommitter
    private let health = ConditionLock()
    private var writable = true

    init(_ ledger: ServerConfiguration.Ledger, configuration: ServerConfiguration, logger: Logger,
         metrics: ServerMetrics) throws {
        let signer = try KeyFile.load(ledger.keyPath)
        name = ledger.name
        directory = ledger.directory
        verifier = signer.verifier
        committer = try LedgerCommitter(directory: ledger.directory, signer: signer, ruleSet: configuration.ruleSet,
                                        logger: logger, metrics: metrics)
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

    /// A reader at the newest checkpoint (a fresh one: it sees every acknowledged write).
    func reader() throws -> LedgerReader {
        try LedgerReader(directory: directory)
    }
}
