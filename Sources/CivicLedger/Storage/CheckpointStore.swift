/// The `checkpoints/` directory: every signed checkpoint the ledger ever issued, one file
/// each, named by tree size. A file is only ever replaced by the same text with more
/// signatures (witnesses' cosignatures); the newest is the largest.
struct CheckpointStore {
    let layout: LedgerLayout

    /// Sizes of all kept checkpoints, ascending.
    func sizes() throws -> [UInt64] {
        let sizes = try FileSystem.list(layout.checkpointsDirectory).compactMap { LedgerLayout.number(fromName: $0) }
        // A name past the largest tree size cannot be a checkpoint of this ledger.
        if let last = sizes.last, last > UInt64(StoredHashes.maxTreeSize) {
            throw LedgerError.integrity(.store, "\(layout.checkpointPath(size: last)): size \(last) is over the largest tree size, 2^61")
        }
        return sizes
    }

    func read(size: UInt64) throws -> [UInt8] {
        try FileHandle.openForReading(layout.checkpointPath(size: size)).readAll(limit: SignedNote.byteCountMax, code: .corrupt)
    }

    /// Writes a new checkpoint durably (temp file, fsync, rename, directory fsync).
    func write(_ note: SignedNote, size: UInt64) throws {
        let path = layout.checkpointPath(size: size)
        guard !FileSystem.exists(path) else {
            throw LedgerError(.corrupt, "\(path) already exists: refusing to sign a second checkpoint at size \(size)")
        }
        try FileSystem.writeAtomically(Array(note.serialized.utf8), to: path)
    }

    /// Replaces a kept checkpoint durably (the same text with more signatures: witnesses'
    /// cosignatures). The caller holds the writer lock and has checked the text.
    func replace(_ note: SignedNote, size: UInt64) throws {
        let path = layout.checkpointPath(size: size)
        guard FileSystem.exists(path) else {
            throw LedgerError(.usage, "\(path) does not exist: there is no checkpoint at size \(size) to replace")
        }
        try FileSystem.writeAtomically(Array(note.serialized.utf8), to: path)
    }

    /// Parses and verifies the checkpoint at `size` under the trusted keys. A file that
    /// cannot be read is an I/O error, not a bad signature.
    func verified(size: UInt64, verifiers: [NoteVerifier]) throws -> (Checkpoint, SignedNote) {
        try verified(size: size) { note in try note.verify(verifiers) }
    }

    /// Parses the checkpoint at `size` and verifies it under the key `chain` has in force
    /// for that size (the key rotations below it followed).
    func verified(size: UInt64, chain: KeyChain) throws -> (Checkpoint, SignedNote) {
        try verified(size: size) { note in try chain.check(note, size: size) }
    }

    /// Parses the checkpoint at `size` and runs `check` on its note (`{ _ in }`: none).
    func verified(size: UInt64, check: (SignedNote) throws -> Void) throws -> (Checkpoint, SignedNote) {
        let path = layout.checkpointPath(size: size)
        let bytes: [UInt8]
        do { bytes = try read(size: size) } catch let error as LedgerError where error.code != .io {
            throw LedgerError.integrity(.store, error.message)  // a directory, or over the size limit
        }
        do {
            let note = try SignedNote.parse(bytes)
            try check(note)
            let checkpoint = try Checkpoint(text: note.text)
            guard checkpoint.size == size else {
                throw LedgerError(.corrupt, "says size \(checkpoint.size)")
            }
            return (checkpoint, note)
        } catch let error as LedgerError {
            throw LedgerError.integrity(.signature, "\(path): \(error.message)")
        }
    }
}
