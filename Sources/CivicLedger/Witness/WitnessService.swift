import Foundation

/// A witness for several logs, as `civic witness serve` runs it (C2SP tlog-witness
/// add-checkpoint). It holds the state directory's lock for as long as it lives, so no
/// other process cosigns from the same state, and it checks the old size against the
/// saved state and saves the new state under one in-process lock: the compare and the
/// swap are one step, so two requests from the same old size can never both advance.
public final class WitnessService: @unchecked Sendable {
    public let signer: CosignatureSigner
    /// The trusted keys of each known origin.
    public let logs: [String: [NoteVerifier]]
    private let state: WitnessStateStore
    private let stateLock: FileHandle
    // Serializes check-and-persist across every origin (a request takes a few
    // milliseconds, most of it the fsync), which is simple and plainly atomic.
    private let mutex = NSLock()

    /// Takes `STATE/LOCK` (`.locked` when another process holds it) and reads nothing yet.
    public init(signer: CosignatureSigner, logs: [String: [NoteVerifier]], stateDirectory: String) throws {
        guard !logs.isEmpty else { throw LedgerError(.usage, "a witness needs at least one --log ORIGIN=VKEY") }
        self.signer = signer
        self.logs = logs
        state = WitnessStateStore(directory: stateDirectory)
        stateLock = try state.lock()
    }

    /// The checks of C2SP tlog-witness in its order, then the cosignature: 404 unknown
    /// origin, 403 not signed by a trusted key, 400 old size over the checkpoint's, 409 old
    /// size not the saved size, 422 not consistent with the saved checkpoint. On success the
    /// new state is durable (fsync) before this returns the cosignature line(s).
    ///
    /// Throws `AddCheckpointRefusal` for a refusal and `LedgerError` when the state cannot
    /// be read or written (nothing was cosigned then).
    public func add(_ request: AddCheckpointRequest, timestamp: UInt64) throws -> [SignedNote.Signature] {
        let checkpoint = request.checkpoint
        guard let keys = logs[checkpoint.origin] else { throw AddCheckpointRefusal.unknownOrigin }
        let signedBy: [NoteVerifier]
        do { signedBy = try request.note.verify(keys) } catch let error as LedgerError {
            throw AddCheckpointRefusal.notSigned(error.message)
        }
        guard request.oldSize <= checkpoint.size else {
            throw AddCheckpointRefusal.malformed("the old size \(request.oldSize) is larger than the checkpoint's size \(checkpoint.size)")
        }
        return try mutex.withLock {
            let last = try state.load(origin: checkpoint.origin, logs: keys)?.checkpoint
            let lastSize = last?.size ?? 0
            guard request.oldSize == lastSize else { throw AddCheckpointRefusal.conflict(latestSize: lastSize) }
            do {
                // Also covers the cases without a proof: from 0 (the empty tree's root, so a
                // size-0 checkpoint must carry it) and an equal size (the same root).
                try MerkleProof.verifyConsistency(size1: Int64(lastSize), size2: Int64(checkpoint.size), proof: request.proof,
                                                  root1: last?.root ?? MerkleHasher.emptyRoot, root2: checkpoint.root)
            } catch let error as LedgerError {
                throw AddCheckpointRefusal.inconsistent(error.message)
            }
            let cosignature = try signer.cosignature(text: request.note.text, timestamp: timestamp)
            // Only the trusted signatures are kept, so the state stays within the note limits.
            let own = request.note.signatures.filter { line in signedBy.contains { $0.name == line.name && $0.keyID == line.keyID } }
            try state.save(SignedNote(text: request.note.text, signatures: own + [cosignature]), origin: checkpoint.origin)
            return [cosignature]
        }
    }

    /// The size this witness last cosigned for `origin` (0 when none), read from the state.
    public func latestSize(origin: String) throws -> UInt64 {
        guard let keys = logs[origin] else { throw AddCheckpointRefusal.unknownOrigin }
        return try mutex.withLock { try state.load(origin: origin, logs: keys)?.checkpoint.size ?? 0 }
    }
}
