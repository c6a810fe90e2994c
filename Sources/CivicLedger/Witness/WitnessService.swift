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
    /// Where the witness fetches an origin's key chain proof (`KeyChainProof` bytes) for a
    /// checkpoint size, for the origins whose key rotations it follows.
    public typealias KeyChainSource = @Sendable (_ size: UInt64) throws -> [UInt8]
    public let keyChains: [String: KeyChainSource]
    private let state: WitnessStateStore
    private let stateLock: FileHandle
    // Serializes check-and-persist across every origin (a request takes a few
    // milliseconds, most of it the fsync), which is simple and plainly atomic.
    private let mutex = NSLock()

    /// Takes `STATE/LOCK` (`.locked` when another process holds it) and reads nothing yet.
    /// An origin in `keyChains` must have exactly one key in `logs`: the log's first key,
    /// from which the witness follows the chain.
    public init(signer: CosignatureSigner, logs: [String: [NoteVerifier]], stateDirectory: String,
                keyChains: [String: KeyChainSource] = [:]) throws {
        guard !logs.isEmpty else { throw LedgerError(.usage, "a witness needs at least one --log ORIGIN=VKEY") }
        for origin in keyChains.keys where logs[origin]?.count != 1 {
            throw LedgerError(.usage, "--log-keys \(origin): give exactly one --log key for that origin, the log's first key")
        }
        self.signer = signer
        self.logs = logs
        self.keyChains = keyChains
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
        if let source = keyChains[checkpoint.origin] { return try addFollowing(request, pinned: keys[0], source: source, timestamp: timestamp) }
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

    /// `add` for an origin whose key rotations the witness follows: the checkpoint must be
    /// signed by the key in force for its size along the chain from `pinned` the witness
    /// already holds; when it is not, the witness fetches the log's key chain proof for the
    /// checkpoint's size and verifies it against the request's own root (so a hostile log or
    /// network can only make it refuse). The new chain must extend the held one.
    private func addFollowing(_ request: AddCheckpointRequest, pinned: NoteVerifier, source: KeyChainSource,
                              timestamp: UInt64) throws -> [SignedNote.Signature] {
        let checkpoint = request.checkpoint
        return try mutex.withLock {
            let saved = try state.load(origin: checkpoint.origin, pinned: pinned)
            var chain = saved?.chain ?? KeyChain(pinned: pinned)
            do { try chain.check(request.note, size: checkpoint.size) } catch {
                chain = try WitnessService.followed(from: chain, request: request, source: source)
            }
            guard request.oldSize <= checkpoint.size else {
                throw AddCheckpointRefusal.malformed("the old size \(request.oldSize) is larger than the checkpoint's size \(checkpoint.size)")
            }
            let lastSize = saved?.checkpoint.size ?? 0
            guard request.oldSize == lastSize else { throw AddCheckpointRefusal.conflict(latestSize: lastSize) }
            do {
                try MerkleProof.verifyConsistency(size1: Int64(lastSize), size2: Int64(checkpoint.size), proof: request.proof,
                                                  root1: saved?.checkpoint.root ?? MerkleHasher.emptyRoot, root2: checkpoint.root)
            } catch let error as LedgerError {
                throw AddCheckpointRefusal.inconsistent(error.message)
            }
            let cosignature = try signer.cosignature(text: request.note.text, timestamp: timestamp)
            let key = chain.verifier(forCheckpointSize: checkpoint.size)
            let own = request.note.signatures.filter { $0.name == key.name && $0.keyID == key.keyID }
            try state.save(SignedNote(text: request.note.text, signatures: own + [cosignature]), origin: checkpoint.origin,
                           size: checkpoint.size, chain: chain, previousSize: saved?.checkpoint.size)
            return [cosignature]
        }
    }

    /// The chain from `held`'s pinned key through the fetched key chain proof, checked
    /// against the request's checkpoint, extending `held`, and under which the request's
    /// note verifies; a 403 saying which step failed otherwise.
    static func followed(from held: KeyChain, request: AddCheckpointRequest, source: KeyChainSource) throws -> KeyChain {
        let bytes: [UInt8]
        do { bytes = try source(request.checkpoint.size) } catch {
            let why = (error as? LedgerError)?.message ?? "the fetch failed"
            throw AddCheckpointRefusal.notSigned("the log's key chain for this size could not be fetched: \(why)")
        }
        do {
            return try KeyChainProof.parse(bytes).chain(extending: held, note: request.note, checkpoint: request.checkpoint)
        } catch let error as LedgerError {
            throw AddCheckpointRefusal.notSigned("the log's key chain is refused: \(error.message)")
        }
    }

    /// The size this witness last cosigned for `origin` (0 when none), read from the state.
    public func latestSize(origin: String) throws -> UInt64 {
        guard let keys = logs[origin] else { throw AddCheckpointRefusal.unknownOrigin }
        if keyChains[origin] != nil {
            return try mutex.withLock { try state.load(origin: origin, pinned: keys[0])?.checkpoint.size ?? 0 }
        }
        return try mutex.withLock { try state.load(origin: origin, logs: keys)?.checkpoint.size ?? 0 }
    }
}
