extension IdIndex {
    /// Opens the id index and brings it level with the newest checkpoint: ids a crash left
    /// unindexed are added from the log; an index that is missing, damaged or ahead of the
    /// checkpoint (a crash before the checkpoint) is rebuilt from the entries.
    static func openCatchingUp(layout: LedgerLayout, reader: LedgerReader) throws -> IdIndex {
        if FileSystem.exists(layout.idsPath) {
            // Only a damaged index is rebuilt; one that cannot be opened (permissions, I/O)
            // is an error the writer reports.
            do {
                let index = try open(at: layout.idsPath)
                if index.header.coveredSize <= reader.size {
                    try index.add(from: index.header.coveredSize, reader: reader)
                    return index
                }
            } catch let error as LedgerError where error.code == .corrupt {}
        }
        let index = try create(at: layout.idsPath, bucketCount: bucketCount(for: reader.size))
        try index.add(from: 0, reader: reader)
        return index
    }

    /// A table size that holds `count` ids under half full.
    static func bucketCount(for count: UInt64) -> UInt64 {
        var buckets = bucketCountMin
        while count * 2 > buckets { buckets *= 2 }
        return buckets
    }

    private func add(from start: UInt64, reader: LedgerReader) throws {
        guard start < reader.size else { return }
        var items: [(id: String, seq: UInt64)] = []
        try reader.forEachEntry(from: start) { seq, bytes in
            items.append((try Entry.decode(Array(bytes)).body.id, seq))
        }
        try insert(items, coveredSize: reader.size)
    }
}
