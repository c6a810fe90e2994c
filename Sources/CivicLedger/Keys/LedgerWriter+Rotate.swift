extension LedgerWriter {
    /// Rotates the ledger's signing key to `newSigner`: appends one `key` entry (its own
    /// batch) signed by the key in force (`sig`) and by the new key (`new_sig`), and signs
    /// the checkpoint that covers it with the new key, as every later one. The entry is
    /// checked exactly as a verifier will follow it (`KeyChain.follow`) before anything is
    /// written. Afterwards this writer signs with the new key.
    public func rotateKey(to newSigner: NoteSigner, id: String, date: String, memo: String? = nil) throws -> AppendResult {
        guard !failed else { throw LedgerError(.io, "\(layout.directory): an earlier write failed; open the ledger again") }
        guard newSigner.name == origin else {
            throw LedgerError(.invalidKey, "the new key is named \(newSigner.name); a ledger's key is named after its origin, \(origin)")
        }
        let body = try EntryBody.keyRotation(to: newSigner.verifier, id: id, date: date, memo: memo)
        guard try recordedSeqs(of: [body])[0] == nil else { preconditionFailure("an unsigned key body never equals a stored one") }
        let (known, keySeqs) = try keyChain()
        var chain = known
        let oldSigner = signer
        let batch = try state.prepare([body], time: UTCClock.now(), signKeyEntry: { entry in
            let signed = try entry.withKeySignatures(old: try oldSigner.signature(for: entry.keyRotationMessage()!),
                                                     new: try newSigner.signature(for: entry.keyPossessionMessage()!))
            try chain.follow(signed)
            return signed
        }, admit: { _, _ in })
        // The index names the new entry before its checkpoint is signed: a crash between
        // leaves it ahead of the ledger, which readers ignore and the next open rebuilds.
        do { try KeyIndex.write(layout, size: batch.endSize, seqs: keySeqs + [batch.firstSeq]) } catch {
            throw LedgerWriter.uncommitted(error, firstSeq: batch.firstSeq, endSize: batch.endSize, directory: layout.directory)
        }
        let (checkpoint, note, problems) = try commit(batch, signedBy: newSigner)
        signer = newSigner
        return AppendResult(seqs: [batch.firstSeq], appendedCount: 1, existingCount: 0, firstSeq: batch.firstSeq,
                            checkpoint: checkpoint, note: note, derivedFileProblems: problems)
    }

    /// The chain of keys of this ledger as a verifier pinning its genesis key follows it;
    /// its current key must be this writer's.
    private func keyChain() throws -> (KeyChain, [UInt64]) {
        let reader = try LedgerReader(directory: layout.directory)
        guard case .genesis(let genesis) = try Entry.decode(try reader.entryBytes(seq: 0)).body.payload else {
            throw LedgerError(.corrupt, "\(layout.directory): entry 0 is not a genesis")
        }
        let entries = try reader.keyEntries()
        let chain = try reader.keyChain(pinned: try NoteVerifier(vkey: genesis.vkey), entries: entries)
        guard chain.current == signer.verifier else {
            throw LedgerError(.invalidKey, "the ledger's current key is \(KeyChain.label(chain.current)), not \(KeyChain.label(signer.verifier))")
        }
        return (chain, entries.map(\.entry.seq))
    }
}
