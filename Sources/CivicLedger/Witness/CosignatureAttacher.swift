/// Adds witnesses' cosignatures to the ledger's kept checkpoints.
public enum CosignatureAttacher {
    public struct Result: Equatable, Sendable {
        /// The tree size of the checkpoint that was updated.
        public let size: UInt64
        /// Signature lines added (0 when the kept checkpoint already had them all).
        public let added: Int
        /// New lines skipped because the kept checkpoint already carries a signature by
        /// the same (name, key id).
        public let skipped: Int
    }

    /// Replaces `checkpoints/<size>` of the ledger with the same text and the union of the
    /// kept and the given signatures, atomically, under the writer lock.
    ///
    /// The given note's text must be byte-identical to the kept checkpoint's (`.corrupt`
    /// otherwise: another checkpoint at a kept size) and it must still carry the ledger's
    /// own signature line(s) as kept (`.usage` otherwise). Lines already present are not
    /// added again; a line by a (name, key id) the kept checkpoint already has a signature
    /// by is skipped, so the ledger's signature is never doubled and the file stays within
    /// 16 signatures unless too many different cosigners arrive (`.usage`).
    public static func attach(directory: String, cosigned: SignedNote) throws -> Result {
        let layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
        let lock = try LedgerLock.acquire(layout)
        defer { withExtendedLifetime(lock) {} }
        let store = CheckpointStore(layout: layout)
        let checkpoint = try Checkpoint(text: cosigned.text)
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
        var signatures = kept.signatures
        var added = 0
        var skipped = 0
        for signature in cosigned.signatures where !signatures.contains(signature) {
            if signatures.contains(where: { $0.name == signature.name && $0.keyID == signature.keyID }) {
                skipped += 1
                continue
            }
            signatures.append(signature)
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
}
