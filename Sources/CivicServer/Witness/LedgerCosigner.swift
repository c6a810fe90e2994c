import CivicLedger
import Logging

/// `civic serve --witness`: after writes, asks the ledger's witnesses to cosign its newest
/// checkpoint and attaches what they return, off the write path. A write is acknowledged
/// as soon as its checkpoint is durable, exactly as without witnesses; the cosignatures
/// follow a round later, and a checkpoint counts as witnessed (the witnessed-checkpoint
/// route, receipts) once `quorum` of them carry it.
final class LedgerCosigner: @unchecked Sendable {
    let directory: String
    let clients: [WitnessClient]
    let quorum: Int
    private let logger: Logger
    /// Seconds before a round that missed a witness is tried again without a new write.
    private let retrySeconds: UInt64 = 5
    private let (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    private var loop: Task<Void, Never>?
    // Guarded by `lock`. `stopped` is set under the lock an attach runs in, so no attach
    // runs once `stop` returns (when the writer lock is released).
    private let lock = ConditionLock()
    private var stopped = false
    private var witnessed: UInt64?
    private var knownSizes: [UInt64]

    init(directory: String, clients: [WitnessClient], quorum: Int, logger: Logger) throws {
        precondition(!clients.isEmpty && quorum >= 1 && quorum <= clients.count, "a checked witness configuration")
        self.directory = directory
        self.clients = clients
        self.quorum = quorum
        self.logger = logger
        let reader = try LedgerReader(directory: directory)
        knownSizes = WitnessRound.knownSizes(reader: reader, witnesses: clients.map(\.key))
        witnessed = LedgerCosigner.newestWitnessed(reader: reader, witnesses: clients.map(\.key), quorum: quorum)
    }

    /// The newest kept size carrying a quorum of cosignatures (nil when none yet).
    var witnessedSize: UInt64? { lock.withLock { witnessed } }

    func start() {
        loop = Task { [self] in
            signal.yield()  // the newest checkpoint may not be cosigned yet
            var iterator = signals.makeAsyncIterator()
            var pending = false
            while !Task.isCancelled {
                if pending { try? await Task.sleep(for: .seconds(Int(retrySeconds))) } else {
                    guard await iterator.next() != nil else { return }
                }
                pending = await round() == false
            }
        }
    }

    /// A new checkpoint was written: a round follows (several writes share one round).
    func checkpointAdvanced() { signal.yield() }

    func stop() {
        lock.withLock { stopped = true }
        signal.finish()
        loop?.cancel()
    }

    /// One round for the newest checkpoint; true when every witness cosigned it.
    private func round() async -> Bool {
        do {
            let reader = try LedgerReader(directory: directory)
            let note = try SignedNote.parse(try reader.checkpointBytes(size: reader.size))
            let checkpoint = try Checkpoint(text: note.text)
            let answers = await WitnessRound.ask(clients, note: note, knownSizes: lock.withLock { knownSizes }) { [directory] old, new in
                try LedgerReader(directory: directory).consistencyProof(from: old, to: new)
            }
            for answer in answers where answer.problem != nil {
                logger.warning("witness did not cosign", metadata: ["ledger": "\(directory)", "witness": "\(answer.witness.name)",
                                                                     "size": "\(checkpoint.size)", "problem": "\(answer.problem!)"])
            }
            try lock.withLock {
                guard !stopped else { return }
                for (index, answer) in answers.enumerated() { if let size = answer.latestSize { knownSizes[index] = size } }
                if answers.contains(where: { !$0.cosignatures.isEmpty }) {
                    _ = try CosignatureAttacher.attach(directory: directory, cosigned: WitnessRound.cosigned(note, origin: checkpoint.origin, answers: answers),
                                                       witnesses: clients.map(\.key), lockHeldByCaller: true)
                }
                let kept = try SignedNote.parse(try LedgerReader(directory: directory).checkpointBytes(size: checkpoint.size))
                let cosigners = try WitnessPolicy.cosigners(note: kept, witnesses: clients.map(\.key))
                if cosigners.count >= quorum, checkpoint.size > (witnessed ?? 0) { witnessed = checkpoint.size }
            }
            return answers.allSatisfy { !$0.cosignatures.isEmpty }
        } catch {
            logger.error("witness round failed", metadata: ["ledger": "\(directory)",
                                                            "error": "\((error as? LedgerError)?.message ?? "\(error)")"])
            return false
        }
    }

    /// The newest of the last `scanCountMax` kept checkpoints with a quorum of valid cosignatures.
    static func newestWitnessed(reader: LedgerReader, witnesses: [CosignatureVerifier], quorum: Int, scanCountMax: Int = 1_000) -> UInt64? {
        for size in reader.checkpointSizes.reversed().prefix(scanCountMax) {
            // An unreadable or badly cosigned kept checkpoint does not count; `verify` reports it.
            guard let bytes = try? reader.checkpointBytes(size: size), let note = try? SignedNote.parse(bytes),
                  let names = try? WitnessPolicy.cosigners(note: note, witnesses: witnesses) else { continue }
            if names.count >= quorum { return size }
        }
        return nil
    }
}
