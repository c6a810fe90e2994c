/// The `tree` file: the Merkle tree's stored hashes, 32 bytes each, in the tlog stored-hash
/// order (Ledger/SPEC.md). Reading a proof or restoring the tree's right edge touches
/// O(log n) of them, so opening a large ledger does not rehash it.
final class HashFile: HashReader {
    private let handle: FileHandle

    init(handle: FileHandle) {
        self.handle = handle
    }

    func readHashes(at indexes: [Int64]) throws -> [Hash32] {
        try indexes.map { index in
            let bytes = try handle.read(at: index * Int64(Hash32.byteCount), count: Hash32.byteCount)
            guard let hash = Hash32(bytes) else {
                throw LedgerError(.corrupt, "\(handle.path): stored hash \(index) is past the end of the file")
            }
            return hash
        }
    }
}
