#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A batch turned into bytes and hashes, not yet on disk.
struct PreparedBatch {
    let firstSeq: UInt64
    let records: [[UInt8]]
    let storedHashes: [UInt8]
    let builder: TreeBuilder
    let root: Hash32
    let lastLeafHash: Hash32
    let lastTime: String
    /// Each new entry's writer id, in order, for the id index.
    let ids: [String]

    var endSize: UInt64 { firstSeq + UInt64(records.count) }
}

extension PreparedBatch {
    /// Consecutive batches (each prepared after the one before) as one batch, written with
    /// one append, one fsync and one checkpoint.
    init(joining parts: [PreparedBatch]) {
        precondition(!parts.isEmpty, "at least one batch to join")
        for (earlier, later) in zip(parts, parts.dropFirst()) {
            precondition(later.firstSeq == earlier.endSize, "joined batches are consecutive")
        }
        let last = parts[parts.count - 1]
        self.init(firstSeq: parts[0].firstSeq, records: parts.flatMap(\.records),
                  storedHashes: parts.flatMap(\.storedHashes), builder: last.builder, root: last.root,
                  lastLeafHash: last.lastLeafHash, lastTime: last.lastTime, ids: parts.flatMap(\.ids))
    }
}

/// The writer's view of the log's end: open files, the tree's right edge, the last leaf
/// hash (the next entry's `prev`) and the last time (times never go backwards).
final class WriterState {
    private(set) var size: UInt64
    /// The end of what is in the files: past `size` while a streamed batch is being written.
    private(set) var writtenSize: UInt64
    private var prev: Hash32
    private var lastTime: String
    private var builder: TreeBuilder
    private let hasher = MerkleHasher()
    private var segments: SegmentSet
    private var segmentHandle: FileHandle
    private var segmentByteCount: Int64
    private let indexHandle: FileHandle
    private let treeHandle: FileHandle

    init(size: UInt64, prev: Hash32, lastTime: String, builder: TreeBuilder, segments: SegmentSet,
         segmentHandle: FileHandle, indexHandle: FileHandle, treeHandle: FileHandle) throws {
        precondition(builder.size == Int64(size), "tree and log sizes agree")
        self.size = size
        self.writtenSize = size
        self.prev = prev
        self.lastTime = lastTime
        self.builder = builder
        self.segments = segments
        self.segmentHandle = segmentHandle
        self.segmentByteCount = try segmentHandle.size()
        self.indexHandle = indexHandle
        self.treeHandle = treeHandle
    }

    /// Builds the batch's entries, bytes and hashes without touching any file. A failure
    /// carries the position of the entry at fault (`entryIndex`). With `previous`, the
    /// batch follows that prepared, not yet committed batch (a pool's earlier request, or
    /// an earlier part of a streamed batch) instead of the log's end. Only with
    /// `signKeyEntry` (a key rotation) may a `key` body be in the batch: it signs the entry.
    func prepare(_ bodies: [EntryBody], time now: String, after previous: PreparedBatch? = nil,
                 signKeyEntry: ((Entry) throws -> Entry)? = nil,
                 admit: (Entry, Int) throws -> Void) throws -> PreparedBatch {
        let edge = previous.map { LedgerEdge(size: $0.endSize, builder: $0.builder, lastLeafHash: $0.lastLeafHash, lastTime: $0.lastTime) }
            ?? LedgerEdge(size: size, builder: builder, lastLeafHash: prev, lastTime: lastTime)
        // self.size is the newest checkpoint's: the batch being prepared starts there.
        return try PreparedBatch.prepare(bodies, time: now, after: edge, batchStart: self.size,
                                         signKeyEntry: signKeyEntry, admit: admit)
    }

    /// Appends the batch to the segment(s), the index and the tree, and fsyncs them all
    /// (unless not `durable`: a part of a streamed batch, made durable by `syncAll`).
    func write(_ batch: PreparedBatch, layout: LedgerLayout, segmentByteCountMax: Int64, durable: Bool = true) throws {
        precondition(batch.firstSeq == writtenSize, "batches are written in order")
        var pending: [UInt8] = []
        var index: [UInt8] = []
        index.reserveCapacity(batch.records.count * IndexFile.recordByteCount)
        for (position, record) in batch.records.enumerated() {
            let length = Int64(record.count + 1)
            if segmentByteCount + Int64(pending.count) + length > segmentByteCountMax && segmentByteCount + Int64(pending.count) > 0 {
                try flush(&pending)
                try startSegment(firstSeq: batch.firstSeq + UInt64(position), layout: layout)
            }
            IndexFile.encode(UInt64(segmentByteCount + Int64(pending.count)), into: &index)
            pending.append(contentsOf: record)
            pending.append(0x0a)
        }
        try flush(&pending, sync: durable)
        try indexHandle.write(index, at: Int64(batch.firstSeq) * Int64(IndexFile.recordByteCount))
        try treeHandle.write(batch.storedHashes, at: StoredHashes.count(treeSize: Int64(batch.firstSeq)) * Int64(Hash32.byteCount))
        writtenSize = batch.endSize
        if durable { try syncAll() }
    }

    /// Makes everything written so far durable (the last segment; earlier ones were synced
    /// when the next one started), before a checkpoint may cover it.
    func syncAll() throws {
        try segmentHandle.sync()
        try indexHandle.sync()
        try treeHandle.sync()
    }

    /// Makes the batch the new end of the log, once its checkpoint is durable.
    func commit(_ batch: PreparedBatch) {
        size = batch.endSize
        prev = batch.lastLeafHash
        lastTime = batch.lastTime
        builder = batch.builder
    }

    /// Reads back a written entry through the index (acknowledged, or a part of the
    /// streamed batch being written).
    func storedEntry(seq: UInt64) throws -> Entry {
        precondition(seq < writtenSize, "only written entries are read back")
        let offset = try IndexFile.offset(of: seq, in: indexHandle)
        let path = segments.path(firstSeq: segments.segment(holding: seq))
        let chunk = try FileHandle.openForReading(path).read(at: Int64(offset), count: EntryLimits.entryByteCountMax + 1)
        guard let end = chunk.firstIndex(of: 0x0a) else {
            throw LedgerError(.corrupt, "\(path) offset \(offset): entry \(seq) has no end of line")
        }
        return try Entry.decode(Array(chunk[..<end]))
    }

    private func flush(_ pending: inout [UInt8], sync: Bool = true) throws {
        guard !pending.isEmpty else { return }
        try segmentHandle.write(pending, at: segmentByteCount)
        if sync { try segmentHandle.sync() }
        segmentByteCount += Int64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    private func startSegment(firstSeq: UInt64, layout: LedgerLayout) throws {
        let path = layout.segmentPath(firstSeq: firstSeq)
        segmentHandle = try FileHandle.open(path, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o644)
        try FileSystem.syncDirectory(layout.entriesDirectory)
        segments.added(firstSeq: firstSeq)
        segmentByteCount = 0
    }
}
