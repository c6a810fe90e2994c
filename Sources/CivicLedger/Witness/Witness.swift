#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A witness (C2SP tlog-witness, cosigning side): it cosigns a log's checkpoint only when
/// the checkpoint is signed by the log and consistent with the last checkpoint this
/// witness cosigned for that origin, which it keeps in a state directory (one file per
/// origin, Ledger/SPEC.md "Witness cosignatures").
public struct Witness: Sendable {
    public let signer: CosignatureSigner
    public let log: NoteVerifier
    public let state: WitnessStateStore

    public init(signer: CosignatureSigner, log: NoteVerifier, stateDirectory: String) {
        self.signer = signer
        self.log = log
        self.state = WitnessStateStore(directory: stateDirectory)
    }

    /// Where a witness gets the log's key chain proof for a checkpoint size, when a checkpoint
    /// is signed by a key it does not follow yet (`civic witness cosign --keys` or `--ledger`);
    /// nil when the log's tree of that size holds no key entry.
    public typealias KeyChainSource = (_ size: UInt64) throws -> KeyChainProof?

    /// The last checkpoint this witness cosigned for the log, or nil on first use.
    public func lastCosigned() throws -> (checkpoint: Checkpoint, note: SignedNote)? {
        try state.load(origin: log.name, pinned: log).map { ($0.checkpoint, $0.note) }
    }

    /// Checks `note` and returns it with this witness's cosignature appended, after saving
    /// it as the new state. `log` is the log's pinned first key: the note must be signed by
    /// the key in force for its size along the chain this witness followed so far (saved
    /// beside its state, `WitnessKeyFile`); when it is not, `keys(size)` supplies the log's
    /// key chain proof, which must verify against the note's own root and extend the chain
    /// held (`KeyChainProof.chain(extending:)`). `proof(oldSize, newSize)` supplies an
    /// RFC 9162 consistency proof when the tree grew; it is not called on first use or for
    /// an equal size.
    ///
    /// Throws `.corrupt` (a refusal) when the note is not signed by the key in force (a
    /// retired key past its retirement included), is smaller than the last cosigned size,
    /// has another root at the same size, or the proof does not show consistency;
    /// `.invalidNote` when the note is not a checkpoint of this log.
    public func cosign(_ note: SignedNote, timestamp: UInt64, keys: KeyChainSource? = nil,
                       proof: (_ oldSize: UInt64, _ newSize: UInt64) throws -> [Hash32]) throws -> SignedNote {
        let checkpoint = try Checkpoint(text: note.text)
        guard checkpoint.origin == log.name else {
            throw LedgerError(.invalidNote, "the checkpoint's origin \(checkpoint.origin) is not the log key's name \(log.name)")
        }
        let lock = try state.lock()
        defer { withExtendedLifetime(lock) {} }
        let saved = try state.load(origin: log.name, pinned: log)
        let chain = try Witness.chain(for: note, checkpoint: checkpoint, held: saved?.chain ?? KeyChain(pinned: log), keys: keys)
        if let saved {
            try Witness.checkConsistent(last: saved.checkpoint, new: checkpoint, proof: proof)
        }
        let cosigned = SignedNote(text: note.text, signatures: note.signatures.filter { !signer.verifier.matches($0) })
            .adding(try signer.cosignature(text: note.text, timestamp: timestamp))
        guard cosigned.signatures.count <= SignedNote.signatureCountMax else {
            throw LedgerError(.invalidNote, "the checkpoint already carries \(note.signatures.count) signatures; a cosignature would pass the limit of \(SignedNote.signatureCountMax)")
        }
        try state.save(cosigned, origin: checkpoint.origin, size: checkpoint.size, chain: chain, previousSize: saved?.checkpoint.size)
        return cosigned
    }

    /// `held` when `note` verifies under its key for the checkpoint's size, else the chain
    /// `keys` proves for that size; a refusal (`.corrupt`) naming why otherwise.
    static func chain(for note: SignedNote, checkpoint: Checkpoint, held: KeyChain, keys: KeyChainSource?) throws -> KeyChain {
        do {
            try held.check(note, size: checkpoint.size)
            return held
        } catch let error as LedgerError {
            guard let keys, let proof = try keys(checkpoint.size) else {
                // No line by any key followed so far: perhaps a key the log rotated to since.
                let unknown = !note.signatures.contains { line in held.keys.contains { $0.name == line.name && $0.keyID == line.keyID } }
                let hint = unknown && keys == nil ? "; if the log rotated its key, the witness needs the log's key chain to follow it" : ""
                throw LedgerError(.corrupt, "refusing to cosign: \(error.message)\(hint)")
            }
            do { return try proof.chain(extending: held, note: note, checkpoint: checkpoint) } catch let refused as LedgerError {
                throw LedgerError(.corrupt, "refusing to cosign: \(refused.message)")
            }
        }
    }

    static func checkConsistent(last: Checkpoint, new: Checkpoint,
                                proof: (UInt64, UInt64) throws -> [Hash32]) throws {
        guard new.size >= last.size else {
            throw LedgerError(.corrupt, "refusing to cosign: size \(new.size) is smaller than \(last.size), which this witness already cosigned (the log rolled back)")
        }
        if new.size == last.size {
            guard new.root == last.root else {
                throw LedgerError(.corrupt, "refusing to cosign: the root at size \(new.size) differs from the one this witness cosigned (the log forked)")
            }
            return
        }
        let hashes = try proof(last.size, new.size)
        do {
            try MerkleProof.verifyConsistency(size1: Int64(last.size), size2: Int64(new.size), proof: hashes,
                                              root1: last.root, root2: new.root)
        } catch let error as LedgerError {
            throw LedgerError(.corrupt, "refusing to cosign: size \(new.size) is not consistent with size \(last.size), which this witness cosigned (history was rewritten): \(error.message)")
        }
    }
}

/// The witness's memory: for each origin, the last checkpoint it cosigned, as the signed
/// note it returned (the log's signature and its cosignature). One file per origin,
/// `<directory>/<64 hex of SHA-256(origin)>`, replaced atomically.
public struct WitnessStateStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    }

    public func path(origin: String) -> String {
        directory + "/" + SHA256.hash(Array(origin.utf8)).hex
    }

    /// The saved checkpoint for `origin`, verified under the log's key; nil when none.
    public func load(origin: String, log: NoteVerifier) throws -> (checkpoint: Checkpoint, note: SignedNote)? {
        try load(origin: origin, logs: [log])
    }

    /// The saved checkpoint for `origin`, verified under one of the log's keys; nil when none.
    public func load(origin: String, logs: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote)? {
        try read(origin: origin) { note, _, _ in try note.verify(logs) }.map { ($0.checkpoint, $0.note) }
    }

    /// The saved checkpoint for `origin` with the key chain this witness followed to it from
    /// `pinned` (`WitnessKeyFile`), the note verified under the chain's key for its size.
    public func load(origin: String, pinned: NoteVerifier) throws -> (checkpoint: Checkpoint, note: SignedNote, chain: KeyChain)? {
        var chain = KeyChain(pinned: pinned)
        guard let (checkpoint, note) = try read(origin: origin, verify: { note, checkpoint, path in
            chain = try WitnessKeyFile.read(statePath: path, size: checkpoint.size, pinned: pinned)
            try chain.check(note, size: checkpoint.size)
        }) else { return nil }
        return (checkpoint, note, chain)
    }

    /// The state file of `origin`, parsed and passed to `verify`; any failure names the file.
    private func read(origin: String, verify: (SignedNote, Checkpoint, String) throws -> Void) throws -> (checkpoint: Checkpoint, note: SignedNote)? {
        guard FileSystem.isDirectory(directory) else {
            throw LedgerError(.usage, "witness state directory \(directory) does not exist; create it (mkdir) first")
        }
        let path = path(origin: origin)
        guard FileSystem.exists(path) else { return nil }
        do {
            let note = try SignedNote.parse(try FileHandle.openForReading(path).readAll(limit: SignedNote.byteCountMax, code: .corrupt))
            let checkpoint = try Checkpoint(text: note.text)
            guard checkpoint.origin == origin else { throw LedgerError(.corrupt, "it holds origin \(checkpoint.origin)") }
            try verify(note, checkpoint, path)
            return (checkpoint, note)
        } catch let error as LedgerError {
            throw LedgerError(.corrupt, "witness state \(path) for \(origin) is damaged: \(error.message)")
        }
    }

    /// Takes `<directory>/LOCK` (flock, non-blocking) so two cosigning runs never
    /// both pass against the same old state.
    func lock() throws -> FileHandle {
        guard FileSystem.isDirectory(directory) else {
            throw LedgerError(.usage, "witness state directory \(directory) does not exist; create it (mkdir) first")
        }
        let path = directory + "/LOCK"
        let handle = try FileHandle.open(path, flags: O_RDWR | O_CREAT, mode: 0o644)
        guard try handle.tryLockExclusive() else {
            throw LedgerError(.locked, "witness state \(directory) is in use by another civic process (lock on \(path)); try again when it has finished")
        }
        return handle
    }

    func save(_ note: SignedNote, origin: String) throws {
        try FileSystem.writeAtomically(Array(note.serialized.utf8), to: path(origin: origin), mode: 0o644)
    }

    /// Saves `note` (a checkpoint of `size`) with the chain it was verified under: the key
    /// file for `size` first, then the note's rename, which commits both; the key file of the
    /// previous size is removed only after.
    func save(_ note: SignedNote, origin: String, size: UInt64, chain: KeyChain, previousSize: UInt64?) throws {
        let path = path(origin: origin)
        if !chain.rotations.isEmpty {
            try FileSystem.writeAtomically(WitnessKeyFile.encode(chain), to: WitnessKeyFile.path(statePath: path, size: size), mode: 0o644)
        }
        try save(note, origin: origin)
        if let previousSize, previousSize != size {
            let old = WitnessKeyFile.path(statePath: path, size: previousSize)
            if FileSystem.exists(old) { try FileSystem.remove(old) }
        }
    }
}
