/// Any `LedgerStore` read as a `CheckpointedLog`, fixed at the checkpoints kept when it was
/// opened (a writer committing meanwhile adds entries past them, which are not read).
/// Checkpoints verify under the one pinned key, as `StoreVerifier` does: this reader does
/// not follow key rotations yet, so a rotated ledger fails closed.
public final class StoreLog: CheckpointedLog {
    public let store: any LedgerStore
    public let checkpointSizes: [UInt64]
    /// Set by a caller that has established the ledger holds no `key` entry (its newest
    /// checkpoint is signed by its genesis key, which `StoreVerifier` requires of every
    /// checkpoint): `keyEntries` then answers without scanning the log.
    public var keyEntriesKnownAbsent = false

    public init(store: any LedgerStore) throws {
        self.store = store
        checkpointSizes = try store.checkpointSizes()
        guard !checkpointSizes.isEmpty else { throw LedgerError(.notALedger, "\(store.location) has no checkpoint") }
    }

    public var location: String { store.location }

    public func checkpoint(size: UInt64, verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        guard checkpointSizes.contains(size) else { throw LedgerError(.usage, "\(location) has no checkpoint at size \(size)") }
        guard verifiers.count == 1 else {
            throw LedgerError(.usage, "a checkpoint is verified from exactly one pinned verifier key")
        }
        let bytes = try store.checkpointBytes(size: size)
        do {
            let note = try SignedNote.parse(bytes)
            _ = try note.verify(verifiers)
            let checkpoint = try Checkpoint(text: note.text)
            guard checkpoint.size == size else { throw LedgerError(.corrupt, "says size \(checkpoint.size)") }
            return (checkpoint, note)
        } catch let error as LedgerError {
            throw LedgerError.integrity(.signature, "\(location): the checkpoint at size \(size): \(error.message)")
        }
    }

    public func forEachEntry(in range: Range<UInt64>, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        guard range.upperBound <= size else { throw LedgerError(.usage, "\(location) holds \(size) entries, not \(range.upperBound)") }
        try store.forEachEntry(in: range, body)
    }

    public func entry(seq: UInt64) throws -> Entry? {
        guard seq < size else { return nil }
        return try store.entry(seq: seq)
    }

    public func seq(id: String) throws -> UInt64? {
        try store.seq(id: id).flatMap { $0 < size ? $0 : nil }
    }
}
