extension LedgerStore {
    /// The newest checkpoint, which `signer` must have signed (a writer's key check), as
    /// `LedgerReader.newestCheckpoint(signedBy:)` checks it for a directory: a key retired
    /// by a `key` entry is named as retired, with the key now in force.
    public func newestCheckpoint(signedBy signer: NoteSigner) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        do {
            return try newestCheckpoint(verifiers: [signer.verifier])
        } catch let error as LedgerError where error.code == .invalidKey {
            // Absence is the answer: a chain that cannot be read names no retirement, and
            // the signature error stands.
            if let chain = try? genesisKeyChain(below: nil), let seq = chain.retirement(of: signer.verifier) {
                throw LedgerError(.invalidKey, "the key \(KeyChain.label(signer.verifier)) was retired by the key rotation at seq \(seq); sign with the ledger's current key, \(KeyChain.label(chain.current))")
            }
            throw error
        }
    }

    /// The chain of signing keys from the ledger's own genesis key through every `key`
    /// entry below `size` (default: the newest checkpoint's): a writer's view, which trusts
    /// its store (a verifier pins its key instead, `StoreLog.checkpoint`).
    func genesisKeyChain(below size: UInt64?) throws -> KeyChain {
        guard case .genesis(let genesis)? = try entry(seq: 0)?.body.payload else {
            throw LedgerError(.corrupt, "\(location): entry 0 is not a genesis")
        }
        var chain = KeyChain(pinned: try NoteVerifier(vkey: genesis.vkey))
        for (entry, _) in try StoreLog(store: self).keyEntries(below: size) {
            do { try chain.follow(entry) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(location): \(error.message)")
            }
        }
        return chain
    }
}
