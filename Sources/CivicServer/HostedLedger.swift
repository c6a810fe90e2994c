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

    init(_ ledger: ServerConfiguration.Ledger, configuration: ServerConfiguration, logger: Logger,
         metrics: ServerMetrics) throws {
        let signer = try KeyFile.load(ledger.keyPath)
        name = ledger.name
        directory = ledger.directory
        verifier = signer.verifier
        if let access = ledger.store {
            try HostedLedger.requireSingleKey(access, signer: signer)
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
            // Checked when the server started: the genesis key signs the ledger, so it
            // holds no key entry (new ones are only written by civic key rotate, on a directory).
            log.keyEntriesKnownAbsent = true
            return try body(log)
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

    /// A database ledger is served only while its genesis key signs it: proofs and receipts
    /// from a `StoreLog` then need no key chain (`StoreVerifier` fails closed on a rotated
    /// ledger all the same).
    private static func requireSingleKey(_ access: ServerConfiguration.StoreAccess, signer: NoteSigner) throws {
        let store = try access.openStore()
        guard case .genesis(let genesis)? = try store.entry(seq: 0)?.body.payload else {
            throw LedgerError(.notALedger, "\(access.location) has no genesis entry")
        }
        guard genesis.vkey == signer.verifier.vkey else {
            throw LedgerError(.usage, "\(access.location): the key is not the ledger's genesis key; a database ledger whose key was rotated is not served yet")
        }
    }
}
