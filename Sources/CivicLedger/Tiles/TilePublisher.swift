#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one publication did.
public struct PublishReport: Sendable {
    /// The tree size of the published checkpoint.
    public let size: UInt64
    /// Its root hash (checked against the stored tree before anything was written).
    public let root: Hash32
    /// Paths written, relative to the output directory, in write order (`checkpoint` last).
    public let written: [String]
    /// Files that were already present with exactly the bytes they must hold.
    public let skipped: Int
}

/// Publishes a ledger as a C2SP tlog-tiles directory (Ledger/SPEC.md, "Publication"):
/// `checkpoint`, hash tiles `tile/<L>/<N>[.p/<W>]` copied from the stored tree hashes (never
/// rehashed), and entry bundles `tile/entries/<N>[.p/<W>]`. Incremental: a file already
/// present with the right bytes is left alone, and one with other bytes is an error (a tile
/// never changes once published). Every file is written atomically, the checkpoint last.
public enum TilePublisher {
    /// Publishes the checkpoint of `size` entries (default: the newest) to `outputDirectory`,
    /// creating it as needed. `pages` (name and bytes, such as the donor page `index.html`)
    /// are written beside the tiles, before the checkpoint, and may change between runs.
    /// `progress` is told how many entries have been bundled, after each bundle.
    public static func publish(reader: any ProofLog, to outputDirectory: String, size: UInt64? = nil,
                               pages: [(name: String, bytes: [UInt8])] = [],
                               progress: ((UInt64) -> Void)? = nil) throws -> PublishReport {
        let treeSize = size ?? reader.size
        let checkpointBytes = try reader.checkpointBytes(size: treeSize)
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(text: SignedNote.parse(checkpointBytes).text)
        } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(reader.location): checkpoint at size \(treeSize): \(error.message)")
        }
        guard checkpoint.size == treeSize else {
            throw LedgerError(.corrupt, "\(reader.location): checkpoint at size \(treeSize) says size \(checkpoint.size)")
        }
        let hashes = try reader.treeHashes()
        let root = try MerkleProof.rootHash(treeSize: Int64(treeSize), reader: hashes)
        guard root == checkpoint.root else {
            throw LedgerError(.corrupt, "\(reader.location): the stored tree hashes do not give the root of the checkpoint at size \(treeSize)")
        }

        var output = PublicationDirectory(path: outputDirectory)
        try output.checkNoRollback(to: checkpoint)
        for tile in hashTiles(treeSize: treeSize) {
            try output.place(try reader.hashTileBytes(tile, hashes: hashes), at: tile.path, immutable: true)
        }
        var bundled: UInt64 = 0
        try reader.forEachBundle(treeSize: treeSize) { bundle, bytes in
            try output.place(bytes, at: bundle.path, immutable: true)
            bundled = min(bundled + UInt64(TilePath.width), treeSize)
            progress?(bundled)
        }
        for page in pages { try output.place(page.bytes, at: page.name, immutable: false) }
        try output.place(checkpointBytes, at: "checkpoint", immutable: false)
        return PublishReport(size: treeSize, root: root, written: output.written, skipped: output.skipped)
    }

    /// Every hash tile a tree of `treeSize` entries needs: at level L, the nodes of tree
    /// level 8·L that are complete, 256 to a full tile, and a partial tile for the rest.
    public static func hashTiles(treeSize: UInt64) -> [TilePath] {
        var tiles: [TilePath] = []
        var level = 0
        while level <= TilePath.levelMax, treeSize >> (8 * level) > 0 {
            let nodes = treeSize >> (8 * level)
            let full = nodes / UInt64(TilePath.width)
            tiles += (0..<full).map { TilePath.hashes(level: level, index: $0) }
            let rest = Int(nodes % UInt64(TilePath.width))
            if rest > 0 { tiles.append(TilePath.hashes(level: level, index: full, count: rest)) }
            level += 1
        }
        return tiles
    }
}

extension ProofLog {
    /// Calls `body` with each entry bundle of the first `treeSize` entries, in order:
    /// each entry as a 2-byte big-endian length and its bytes, 256 to a full bundle.
    func forEachBundle(treeSize: UInt64, _ body: (TilePath, [UInt8]) throws -> Void) throws {
        var bundle: [UInt8] = []
        var count = 0
        var index: UInt64 = 0
        try forEachEntry(in: 0..<treeSize) { seq, bytes in
            guard bytes.count <= Int(UInt16.max) else {
                throw LedgerError(.corrupt, "\(location): entry \(seq) is longer than an entry bundle allows (65,535 bytes)")
            }
            TilePublisher.appendBundled(bytes, to: &bundle)
            count += 1
            if count == TilePath.width {
                try body(TilePath.entries(index: index), bundle)
                bundle.removeAll(keepingCapacity: true)
                count = 0
                index += 1
            }
        }
        if count > 0 { try body(TilePath.entries(index: index, count: count), bundle) }
    }
}

/// The output directory of a publication: creates directories as needed and writes each
/// file atomically, skipping one that already holds the same bytes.
private struct PublicationDirectory {
    let path: String
    private(set) var written: [String] = []
    private(set) var skipped = 0
    private var knownDirectories: Set<String> = []

    init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// Refuses to replace a published checkpoint by an older one or by another log's.
    func checkNoRollback(to checkpoint: Checkpoint) throws {
        let checkpointPath = path + "/checkpoint"
        guard FileSystem.exists(checkpointPath) else { return }
        let published: Checkpoint
        do {
            published = try Checkpoint(text: SignedNote.parse(try FileHandle.openForReading(checkpointPath).readAll(limit: SignedNote.byteCountMax, code: .corrupt)).text)
        } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(checkpointPath): \(error.message)")
        }
        guard published.origin == checkpoint.origin else {
            throw LedgerError(.usage, "\(path) publishes another log (origin \(published.origin), not \(checkpoint.origin))")
        }
        guard published.size <= checkpoint.size else {
            throw LedgerError(.usage, "\(path) already publishes size \(published.size); publishing size \(checkpoint.size) would roll it back")
        }
    }

    /// Writes `bytes` to `relative` unless the file already holds them. An `immutable`
    /// file (a tile or bundle) that holds other bytes is an error, never overwritten.
    mutating func place(_ bytes: [UInt8], at relative: String, immutable: Bool) throws {
        let target = path + "/" + relative
        if FileSystem.exists(target) {
            // Only equality matters, so reading one byte more than the new bytes is enough.
            let existing = try FileHandle.openForReading(target).read(at: 0, count: bytes.count + 1)
            if existing == bytes {
                skipped += 1
                return
            }
            if immutable {
                throw LedgerError(.corrupt, "\(target) is already published with other bytes (\(existing.count), expected \(bytes.count)); a published tile never changes")
            }
        }
        try makeDirectories(FileSystem.parent(of: target))
        try FileSystem.writeAtomically(bytes, to: target)
        written.append(relative)
    }

    /// `mkdir -p`, making each new directory entry durable.
    private mutating func makeDirectories(_ directory: String) throws {
        if knownDirectories.contains(directory) { return }
        if !FileSystem.isDirectory(directory) {
            let parent = FileSystem.parent(of: directory)
            if parent != directory { try makeDirectories(parent) }
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw FileHandle.error("mkdir", directory)
            }
            guard FileSystem.isDirectory(directory) else {
                throw LedgerError(.io, "\(directory) exists and is not a directory")
            }
            try FileSystem.syncDirectory(parent)
        }
        knownDirectories.insert(directory)
    }
}
