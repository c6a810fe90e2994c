extension LedgerReader {
    /// The stored tree hashes, read on demand from the `tree` file (O(log n) per proof).
    public func treeHashes() throws -> any HashReader {
        HashFile(handle: try FileHandle.openForReading(layout.treePath))
    }

    /// The checkpoint file's bytes at `size`, unverified (callers verify with their own key).
    public func checkpointBytes(size: UInt64) throws -> [UInt8] {
        guard checkpointSizes.contains(size) else {
            throw LedgerError(.usage, "\(layout.directory) has no checkpoint at size \(size) (kept: \(describeSizes()))")
        }
        return try checkpoints.read(size: size)
    }

    private func describeSizes() -> String {
        let sizes = checkpointSizes
        guard sizes.count > 6 else { return sizes.map(String.init).joined(separator: ", ") }
        return sizes.prefix(3).map(String.init).joined(separator: ", ") + ", …, " + sizes.suffix(2).map(String.init).joined(separator: ", ")
    }
}

extension LedgerReader {
    /// The seq of the acknowledged entry with writer id `id`: through the id index when it
    /// covers the ledger, else by a scan. Nil when there is none.
    public func seq(id: String) throws -> UInt64? {
        if try idIndexCovers() { return try indexedSeq(id: id) }
        var found: UInt64?
        try forEachEntry { seq, bytes in
            if found == nil, try Entry.decode(Array(bytes)).body.id == id { found = seq }
        }
        return found
    }

    /// True when the id index covers every acknowledged entry (after a crash it may lag
    /// until the next write).
    /// An absent index does not cover; one that exists but cannot be read or is damaged
    /// is an error, not "does not cover".
    public func idIndexCovers() throws -> Bool {
        guard FileSystem.exists(layout.idsPath) else { return false }
        return try IdIndex.open(at: layout.idsPath, readOnly: true).header.coveredSize == size
    }

    /// The first seq with writer id `id`, through the id index only (see `idIndexCovers`).
    public func indexedSeq(id: String) throws -> UInt64? {
        let index = try handles.idIndex()
        for seq in try index.candidates(for: id).sorted() where seq < size {
            if try Entry.decode(try entryBytes(seq: seq)).body.id == id { return seq }
        }
        return nil
    }

    /// An entry before `seq` that has writer id `id`, through the id index only. Only other
    /// entries whose id shares the index key are read, so the common case reads nothing.
    public func earlierSeq(id: String, before seq: UInt64) throws -> UInt64? {
        for candidate in try handles.idIndex().candidates(for: id).sorted() where candidate < seq {
            if try Entry.decode(try entryBytes(seq: candidate)).body.id == id { return candidate }
        }
        return nil
    }
}
