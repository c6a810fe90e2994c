/// Adds witnesses' cosignatures to the ledger's kept checkpoints.
public enum CosignatureAttacher {
    public struct Result: Equatable, Sendable {
        /// The tree size of the checkpoint that was updated.
        public let size: UInt64
        /// Signature lines added or replacing an invalid one (0 when the kept checkpoint
        /// already had them all).
        public let added: Int
        /// New lines skipped because the kept checkpoint already carries a valid
        /// cosignature by the same (name, key id).
        public let skipped: Int
    }

    /// Replaces `checkpoints/<size>` of the ledger with the same text and the kept
    /// signatures plus the given witnesses' valid cosignatures, atomically, under the
    /// writer lock.
    ///
    /// The given note's text must be byte-identical to the kept checkpoint's (`.corrupt`
    /// otherwise: another checkpoint at a kept size) and it must still carry the ledger's
    /// own signature line(s) as kept (`.usage` otherwise). Every other line must be a
    /// cosignature by one of `witnesses` that verifies over the text: a line by a key not
    /// listed is refused (`.usage`), one that does not verify too (`.corrupt`), so a forged
    /// line can never take a witness's slot. A valid cosignature replaces a kept line by the
    /// same (name, key id) that does not verify; it is skipped when a valid one is kept.
    ///
    /// `lockHeldByCaller` is for the one process that holds the writer lock for its whole
    /// run (`civic serve`); it must not attach to one ledger from two threads at once.
    public static func attach(directory: String, cosigned: SignedNote, witnesses: [CosignatureVerifier],
                              lockHeldByCaller: Bool = false) throws -> Result {
        guard !witnesses.isEmpty else { throw LedgerError(.usage, "attaching cosignatures needs the witnesses' verifier keys") }
        let layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
        let lock = lockHeldByCaller ? nil : try LedgerLock.acquire(layout)
        defer { withExtendedLifetime(lock) {} }
        let store = CheckpointStore(layout: layout)
        let checkpoint = try Checkpoint(text: cosigned.text)
        let kept = try keptNote(store: store, layout: layout, checkpoint: checkpoint, cosigned: cosigned)
        let own = kept.signatures.filter { $0.name == checkpoint.origin }
        var signatures = kept.signatures
        var added = 0
        var skipped = 0
        for signature in cosigned.signatures where !own.contains(signature) {
            let witness = try verifiedWitness(signature, text: kept.text, witnesses: witnesses)
            if let slot = signatures.firstIndex(where: witness.matches) {
                if witness.verifiedTimestamp(signatures[slot], text: kept.text) != nil {
                    if signatures[slot] != signature { skipped += 1 }
                    continue
                }
                signatures[slot] = signature  // a valid cosignature replaces one that does not verify
            } else {
                signatures.append(signature)
            }
            added += 1
        }
        guard signatures.count <= SignedNote.signatureCountMax else {
            throw LedgerError(.usage, "the checkpoint at size \(checkpoint.size) would carry \(signatures.count) signatures, more than \(SignedNote.signatureCountMax)")
        }
        if added > 0 {
            try store.replace(SignedNote(text: kept.text, signatures: signatures), size: checkpoint.size)
        }
        return Result(size: checkpoint.size, added: added, skipped: skipped)
    }

    /// The listed witness whose valid cosignature `signature` is, or a refusal naming it.
    private static func verifiedWitness(_ signature: SignedNote.Signature, text: String,
                                        witnesses: [CosignatureVerifier]) throws -> CosignatureVerifier {
        let label = "\(signature.name)+\(NoteVerifier.hexID(signature.keyID))"
        guard let witness = witnesses.first(where: { $0.matches(signature) }) else {
            throw LedgerError(.usage, "the signature by \(label) is by none of the --witness keys given; nothing was attached")
        }
        guard witness.verifiedTimestamp(signature, text: text) != nil else {
            throw LedgerError(.corrupt, "the cosignature by \(label) does not verify over the checkpoint; nothing was attached")
        }
        return witness
    }

    /// The kept checkpoint at the cosigned note's size, checked against it.
    private static func keptNote(store: CheckpointStore, layout: LedgerLayout, checkpoint: Checkpoint,
                                 cosigned: SignedNote) throws -> SignedNote {
        let path = layout.checkpointPath(size: checkpoint.size)
        guard try store.sizes().contains(checkpoint.size) else {
            throw LedgerError(.usage, "\(layout.directory) has no checkpoint at size \(checkpoint.size) to attach cosignatures to")
        }
        let kept: SignedNote
        do { kept = try SignedNote.parse(try store.read(size: checkpoint.size)) } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(path): \(error.message)")
        }
        guard kept.text == cosigned.text else {
            throw LedgerError(.corrupt, "the cosigned checkpoint's text differs from the ledger's checkpoint at size \(checkpoint.size) (\(path)): it is not this ledger's checkpoint")
        }
        let own = kept.signatures.filter { $0.name == checkpoint.origin }
        guard !own.isEmpty else {
            throw LedgerError(.corrupt, "\(path) carries no signature by the ledger's key \(checkpoint.origin)")
        }
        guard own.allSatisfy(cosigned.signatures.contains) else {
            throw LedgerError(.usage, "the cosigned checkpoint no longer carries the ledger's own signature by \(checkpoint.origin)")
        }
        return kept
    }
}
