extension LedgerReader {
    /// Screens entries for the `key` kind before decoding them.
    static let keyKindMarker = ByteMarker("\"kind\":\"key\"")

    /// Every `key` entry below `size` (default: the newest checkpoint's), with its bytes,
    /// in log order: from the key index (`KeyIndex`) when it is usable, else by scanning.
    public func keyEntries(below size: UInt64? = nil) throws -> [(entry: Entry, bytes: [UInt8])] {
        let end = size ?? self.size
        guard let seqs = try KeyIndex.seqs(self, size: self.size) else { return try scannedKeyEntries(below: end) }
        return try seqs.filter { $0 < end }.map { seq in try indexedKeyEntry(seq: seq) }
    }

    /// Entry `seq` named by the key index, distrusted: its bytes must be the tree's leaf and
    /// decode strictly to a `key` entry of that seq.
    private func indexedKeyEntry(seq: UInt64) throws -> (entry: Entry, bytes: [UInt8]) {
        let bytes = try entryBytes(seq: seq)
        let path = DerivedState.path(layout, name: KeyIndex.name)
        guard MerkleHasher().leafHash(bytes) == (try leafHash(seq: seq)) else {
            throw LedgerError.integrity(.store, "\(layout.entriesDirectory): entry \(seq), named by \(path), does not match the tree")
        }
        let entry: Entry
        do { entry = try Entry.decode(bytes) } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(path): names seq \(seq), which cannot be decoded: \(error.message)")
        }
        guard entry.seq == seq, entry.body.kind == .key else {
            throw LedgerError(.corrupt, "\(path): names seq \(seq), which is not a key entry (the next writer's open does not fix this; delete the file to rebuild it)")
        }
        return (entry, bytes)
    }

    /// The chain of signing keys from `pinned` through every `key` entry below `size`
    /// (or through `entries`, already read by `keyEntries`).
    public func keyChain(pinned: NoteVerifier, size: UInt64? = nil,
                         entries: [(entry: Entry, bytes: [UInt8])]? = nil) throws -> KeyChain {
        var chain = KeyChain(pinned: pinned)
        for (entry, _) in try entries ?? keyEntries(below: size) {
            do { try chain.follow(entry) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(layout.directory): \(error.message)")
            }
        }
        return chain
    }
}
