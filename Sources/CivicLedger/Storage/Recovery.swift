#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Brings the files back to exactly what the newest checkpoint covers. Anything past it
/// was never acknowledged (a crash between the data fsyncs and the checkpoint), so it is
/// cut off; anything short of it, or disagreeing with it, is corruption and stops the writer.
struct Recovery {
    let layout: LedgerLayout
    var segments: SegmentSet
    let checkpoint: Checkpoint

    func run() throws -> WriterState {
        var segments = self.segments
        let size = checkpoint.size
        precondition(size > 0, "a kept checkpoint covers at least the genesis")
        let index = try FileHandle.open(layout.indexPath, flags: O_RDWR)
        let tree = try FileHandle.open(layout.treePath, flags: O_RDWR)
        try cut(index, to: Int64(size) * Int64(IndexFile.recordByteCount), what: "index")
        try cut(tree, to: StoredHashes.count(treeSize: Int64(size)) * Int64(Hash32.byteCount), what: "tree")

        try segments.removeSegments(from: size)
        let lastSegment = segments.segment(holding: size - 1)
        let segment = try FileHandle.open(segments.path(firstSeq: lastSegment), flags: O_RDWR)
        let lastOffset = try IndexFile.offset(of: size - 1, in: index)
        let chunk = try segment.read(at: Int64(lastOffset), count: EntryLimits.entryByteCountMax + 1)
        guard let newline = chunk.firstIndex(of: 0x0a) else {
            throw LedgerError(.corrupt, "\(segment.path) offset \(lastOffset): entry \(size - 1) has no end of line")
        }
        let lastBytes = Array(chunk[..<newline])

        let hashes = HashFile(handle: tree)
        let builder = try TreeBuilder(restoringSize: Int64(size), reader: hashes)
        let hasher = MerkleHasher()
        guard builder.root(hasher: hasher) == checkpoint.root else {
            throw LedgerError(.corrupt, "\(layout.treePath): the stored tree does not give the root of checkpoint \(size); run civic verify")
        }
        let leaf = hasher.leafHash(lastBytes)
        let storedLeaf = try hashes.readHashes(at: [StoredHashes.index(level: 0, n: Int64(size) - 1)])[0]
        guard leaf == storedLeaf else {
            throw LedgerError(.corrupt, "\(segment.path): entry \(size - 1) does not match its stored leaf hash; run civic verify")
        }
        // Only now, with the last entry proven by its hash, is it safe to cut the segment.
        try cut(segment, to: Int64(lastOffset) + Int64(newline) + 1, what: "entries")
        let last = try Entry.decode(lastBytes)
        return try WriterState(size: size, prev: leaf, lastTime: last.time, builder: builder, segments: segments,
                               segmentHandle: segment, indexHandle: index, treeHandle: tree)
    }

    /// Truncates `handle` to `length` when a crash left more; fails when it holds less.
    private func cut(_ handle: FileHandle, to length: Int64, what: String) throws {
        let actual = try handle.size()
        guard actual >= length else {
            throw LedgerError(.corrupt, "\(handle.path): the \(what) file holds \(actual) bytes but checkpoint \(checkpoint.size) needs \(length)")
        }
        guard actual > length else { return }
        try handle.truncate(to: length)
        try handle.sync()
    }
}
