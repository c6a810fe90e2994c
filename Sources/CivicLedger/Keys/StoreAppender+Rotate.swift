extension StoreAppender {
    /// Rotates the signing key of the ledger in `store` (the one this appender's writer
    /// writes) to `newSigner`, with `LedgerWriter.rotateKey`'s semantics and messages: one
    /// `key` entry, its own batch, signed by the key in force (`sig`, this appender's
    /// signer) and by the new key (`new_sig`), checked as a verifier follows it, and the
    /// checkpoint covering it signed by the new key. The key chain is read under the
    /// write lock (a database's row lock), so the entry and its checkpoint commit in one
    /// transaction after every rotation any other process committed.
    public func rotateKey(in store: any LedgerStore, to newSigner: NoteSigner, id: String, date: String,
                          memo: String? = nil) throws -> Result {
        guard newSigner.name == signer.name else {
            throw LedgerError(.invalidKey, "the new key is named \(newSigner.name); a ledger's key is named after its origin, \(signer.name)")
        }
        let body = try EntryBody.keyRotation(to: newSigner.verifier, id: id, date: date, memo: memo)
        let time = UTCClock.now()
        let (oldSigner, origin) = (signer, signer.name)
        return try writer.commit { locked -> (StoreBatch?, Result) in
            guard try StoreAppender.recordedSeqs(of: [body], locked: locked)[0] == nil else {
                preconditionFailure("an unsigned key body never equals a stored one")
            }
            var chain = try store.genesisKeyChain(below: locked.edge.size)
            guard chain.current == oldSigner.verifier else {
                throw LedgerError(.invalidKey, "the ledger's current key is \(KeyChain.label(chain.current)), not \(KeyChain.label(oldSigner.verifier))")
            }
            let prepared = try PreparedBatch.prepare([body], time: time, after: locked.edge, signKeyEntry: { entry in
                let signed = try entry.withKeySignatures(old: try oldSigner.signature(for: entry.keyRotationMessage()!),
                                                         new: try newSigner.signature(for: entry.keyPossessionMessage()!))
                try chain.follow(signed)
                return signed
            }, admit: { _, _ in })
            let checkpoint = Checkpoint(origin: origin, size: prepared.endSize, root: prepared.root,
                                        extensions: [Checkpoint.previousLine(locked.edge.size)])
            let batch = StoreBatch(prepared, checkpoint: try SignedNote.sign(text: checkpoint.text, signers: [newSigner]))
            assert(batch.entries.count == 1 && chain.current == newSigner.verifier, "one key entry, the new key in force")
            return (batch, Result(seqs: [batch.firstSeq], appendedCount: 1, size: batch.endSize, checkpoint: batch.checkpoint))
        }
    }
}

extension EntryBody {
    /// The writer's body of a `key` entry rotating to `verifier` (the ledger adds both keys'
    /// signatures when it records it).
    static func keyRotation(to verifier: NoteVerifier, id: String, date: String, memo: String?) throws -> EntryBody {
        var fields: [String: JSONValue] = ["kind": .string(EntryKind.key.rawValue), "id": .string(id), "date": .string(date),
                                           "vkey": .string(verifier.vkey)]
        if let memo { fields["memo"] = .string(memo) }
        return try EntryBody(writerJSON: .object(fields))
    }
}
