extension LedgerReader {
    /// Screens entries for the `key` kind before decoding them.
    static let keyKindMarker = ByteMarker("\"kind\":\"key\"")

    /// Every `key` entry below `size` (default: the newest checkpoint's), with its bytes,
    /// in log order. Reads the whole log once, decoding only the entries the screen picks.
    public func keyEntries(below size: UInt64? = nil) throws -> [(entry: Entry, bytes: [UInt8])] {
        let end = size ?? self.size
        var found: [(entry: Entry, bytes: [UInt8])] = []
        try forEachEntry { seq, bytes in
            guard seq < end, LedgerReader.keyKindMarker.occurs(in: bytes) else { return }
            let entry = try Entry.decode(Array(bytes))
            if entry.body.kind == .key { found.append((entry, Array(bytes))) }
        }
        return found
    }

    /// The chain of signing keys from `pinned` through every `key` entry below `size`.
    public func keyChain(pinned: NoteVerifier, size: UInt64? = nil) throws -> KeyChain {
        var chain = KeyChain(pinned: pinned)
        for (entry, _) in try keyEntries(below: size) {
            do { try chain.follow(entry) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(layout.directory): \(error.message)")
            }
        }
        return chain
    }
}
