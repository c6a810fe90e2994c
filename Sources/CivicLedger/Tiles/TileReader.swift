/// One tile or entry bundle at a time, for serving tiles over HTTP: the same bytes
/// `TilePublisher` writes for a checkpoint that covers the tile.
extension ProvableLog {
    /// The bytes of `tile` under the newest checkpoint, or nil when that tree does not
    /// hold it (a full tile past its end, or a partial tile wider than the tree has).
    /// A partial tile of width W is a prefix of the full one, so every W the tree reaches
    /// is served, as each earlier checkpoint published it.
    public func tileBytes(_ tile: TilePath) throws -> [UInt8]? {
        let level = tile.level ?? 0
        guard level < 64 else { return nil }
        let nodes = size >> UInt64(8 * level)
        let (start, overflow) = tile.index.multipliedReportingOverflow(by: UInt64(TilePath.width))
        guard !overflow, start < nodes, UInt64(tile.count) <= nodes - start else { return nil }
        guard tile.level != nil else { return try bundleBytes(tile) }
        return try hashTileBytes(tile, hashes: try treeHashes())
    }

    /// A hash tile's bytes, read from the stored tree hashes (never rehashed).
    func hashTileBytes(_ tile: TilePath, hashes: HashReader) throws -> [UInt8] {
        let level = 8 * tile.level!
        let first = Int64(tile.index) * Int64(TilePath.width)
        let indexes = (0..<Int64(tile.count)).map { StoredHashes.index(level: level, n: first + $0) }
        let tileHashes = try hashes.readHashes(at: indexes)
        guard tileHashes.count == indexes.count else {
            throw LedgerError(.corrupt, "\(location): stored tree hashes: short read for \(tile.path)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tile.count * Hash32.byteCount)
        for hash in tileHashes { bytes.append(contentsOf: hash.bytes) }
        return bytes
    }

    /// An entry bundle's bytes, its entries read by seq through the index.
    private func bundleBytes(_ tile: TilePath) throws -> [UInt8] {
        let first = tile.index * UInt64(TilePath.width)
        var bundle: [UInt8] = []
        for seq in first..<(first + UInt64(tile.count)) {
            let bytes = try entryBytes(seq: seq)
            guard bytes.count <= Int(UInt16.max) else {
                throw LedgerError(.corrupt, "\(location): entry \(seq) is longer than an entry bundle allows (65,535 bytes)")
            }
            TilePublisher.appendBundled(bytes[...], to: &bundle)
        }
        return bundle
    }
}

extension TilePublisher {
    /// One entry of a bundle: its length as 2 bytes big-endian, then its bytes.
    static func appendBundled(_ bytes: ArraySlice<UInt8>, to bundle: inout [UInt8]) {
        precondition(bytes.count <= Int(UInt16.max), "bundled entries are at most 65,535 bytes")
        bundle.append(UInt8(bytes.count >> 8))
        bundle.append(UInt8(bytes.count & 0xff))
        bundle.append(contentsOf: bytes)
    }
}
