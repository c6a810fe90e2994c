/// `state/keys.json`: the seqs of the ledger's `key` entries, so proofs and receipts find
/// them without reading the whole log. A derived state file ({"size": S, "state": [seq, …]},
/// see `DerivedState`) claiming every key entry below S; only `rotateKey` appends key
/// entries and it rewrites the file before signing the checkpoint, so none lies at or above
/// S in the ledger. Never trusted: every seq it names is read, checked against the tree
/// and decoded strictly; a missing, damaged or ahead-of-the-ledger file is ignored by
/// readers (they scan) and rebuilt by the next writer's open. `verify` still scans all.
enum KeyIndex {
    static let name = "keys"

    static func encode(size: UInt64, seqs: [UInt64]) -> [UInt8] {
        DerivedState.encode(size: size, state: .array(seqs.map { .integer(Int64($0)) }))
    }

    /// The seqs the file names, when it is present, intact, strictly increasing and covers no
    /// more than `size`; nil otherwise (the caller scans).
    static func seqs(_ reader: LedgerReader, size: UInt64) throws -> [UInt64]? {
        guard let (covered, state) = try reader.derivedState(name), covered <= size, case .array(let values) = state else { return nil }
        var seqs: [UInt64] = []
        for value in values {
            let previous = seqs.last ?? 0
            guard case .integer(let raw) = value, let seq = UInt64(exactly: raw), previous < seq, seq < covered else { return nil }
            seqs.append(seq)
        }
        return seqs
    }

    /// `verify`'s check of the index against the `key` entries its scan found (`scanned`, in
    /// log order): a usable file must name exactly those below the size it covers. A damaged
    /// file is `DerivedState.check`'s finding; an index that omits, adds or moves a rotation
    /// (checksum and all rewritten) would make proofs and receipts follow another chain, so it
    /// is an integrity failure, named with the first seq where the two differ.
    static func check(_ reader: LedgerReader, scanned: [UInt64]) throws {
        guard let (covered, _) = try reader.derivedState(name), let named = try seqs(reader, size: reader.size) else { return }
        let expected = scanned.filter { $0 < covered }
        guard named != expected else { return }
        let path = DerivedState.path(reader.layout, name: name)
        let first = zip(named, expected).first(where: { $0 != $1 }).map { min($0, $1) }
            ?? (named.count > expected.count ? named[expected.count] : expected[named.count])
        throw LedgerError.integrity(.store, "\(path): names \(named.count) key entries below \(covered), the log holds \(expected.count); "
            + "they differ at seq \(first) (the index is derived: delete it and the next writer rebuilds it)")
    }

    /// Writes the file covering `size` durably (temporary file, fsync, rename, fsync of the folder).
    static func write(_ layout: LedgerLayout, size: UInt64, seqs: [UInt64]) throws {
        if !FileSystem.isDirectory(layout.stateDirectory) {
            try FileSystem.makeDirectory(layout.stateDirectory)
            try FileSystem.syncDirectory(layout.directory)
        }
        try FileSystem.writeAtomically(encode(size: size, seqs: seqs), to: DerivedState.path(layout, name: name))
    }

    /// A writer's open: rebuilds the file from the log when it is missing, damaged or ahead
    /// of the ledger (a rotation whose checkpoint was never signed).
    static func openCatchingUp(layout: LedgerLayout, reader: LedgerReader) throws {
        guard try seqs(reader, size: reader.size) == nil else { return }
        let found = try reader.scannedKeyEntries(below: reader.size)
        try write(layout, size: reader.size, seqs: found.map(\.entry.seq))
    }
}
