/// A `CheckpointedLog` that can also be verified whole in one streaming pass handing each
/// checked entry on, and that answers the id lookups of the audit's idempotency rule: what
/// the audit and the 360Giving export need, whichever engine keeps the ledger. A directory's
/// `LedgerReader` verifies through `LedgerVerifier` (which also checks the directory's own
/// files); `StoreLog` through `StoreVerifier`.
public protocol VerifiableLog: CheckpointedLog {
    /// Verifies the ledger under the one pinned key in `verifiers` (and `heldCheckpoint`,
    /// when given); `observe` sees each entry once it has passed every check, in log order.
    func verify(verifiers: [NoteVerifier], heldCheckpoint: SignedNote?, observe: ((Entry) -> Void)?) throws -> VerificationReport

    /// Whether `earlierSeq` answers for every entry below the newest checkpoint.
    func idIndexCovers() throws -> Bool

    /// The first seq below `seq` whose entry has writer id `id`, or nil.
    func earlierSeq(id: String, before seq: UInt64) throws -> UInt64?
}

extension LedgerReader: VerifiableLog {
    public func verify(verifiers: [NoteVerifier], heldCheckpoint: SignedNote?, observe: ((Entry) -> Void)?) throws -> VerificationReport {
        guard !verifiers.isEmpty else { throw LedgerError(.usage, "verification needs a trust anchor") }
        return try LedgerVerifier(directory: layout.directory, verifiers: verifiers).verify(heldCheckpoint: heldCheckpoint, observe: observe)
    }
}

extension StoreLog: VerifiableLog {
    public func verify(verifiers: [NoteVerifier], heldCheckpoint: SignedNote?, observe: ((Entry) -> Void)?) throws -> VerificationReport {
        try StoreVerifier(store: store, verifiers: verifiers).verify(heldCheckpoint: heldCheckpoint, observe: observe)
    }

    /// A store looks ids up in its own index (a unique column in PostgreSQL), always whole.
    public func idIndexCovers() throws -> Bool { true }

    /// A store keeps one seq per id, so an earlier entry with the id is that one, when it
    /// is below `seq` and its bytes really carry the id. When the store's unique id column
    /// gives entry `seq` this very id (read a page at a time, `EntryIDPages`), no other row
    /// has it, and nothing is looked up.
    public func earlierSeq(id: String, before seq: UInt64) throws -> UInt64? {
        if try storedID(seq: seq) == Array(id.utf8) { return nil }
        guard let found = try self.seq(id: id), found < seq, let entry = try entry(seq: found), entry.body.id == id else { return nil }
        return found
    }
}
