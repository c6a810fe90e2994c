import CivicLedger

/// Where `verify-consistency` and `witness cosign`, which pin a log's first key, get the key
/// chain proof (`civicledger.keys/v1`) to follow its rotations: `--keys FILE` (the bytes of
/// `GET /ledgers/NAME/key-chain?size=N`) or a ledger directory (`--ledger`). Neither is
/// trusted: the proof is checked against the checkpoint's own root and the pinned key
/// (`KeyChainProof.chain`).
enum KeyChainInput {
    /// `--keys FILE` ('-' for standard input); a file that is no key chain proof is an
    /// input error naming it.
    static func file(_ path: String) throws -> KeyChainProof {
        do { return try KeyChainProof.parse(try InputFile.read(path, limit: KeyChainProof.byteCountMax)) } catch let error as LedgerError where error.code == .invalidProof {
            throw LedgerError(.usage, "\(path): \(error.message)")
        }
    }

    /// The key entries of the ledger in `directory` below `size`, with their inclusion proofs
    /// in its tree of that size; nil when it holds none.
    static func ledger(_ directory: String, size: UInt64) throws -> KeyChainProof? {
        let reader = try LedgerReader(directory: try LedgerLocation.requireDirectory(directory))
        guard size <= reader.size else {
            throw LedgerError(.usage, "\(directory): its newest checkpoint is at size \(reader.size), below the checkpoint's size \(size)")
        }
        return try KeyChainProof.make(reader: reader, treeSize: size)
    }
}
