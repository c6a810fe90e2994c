#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the log's entries in order, as raw canonical bytes, across segment files, with
/// large sequential reads and bounded memory.
struct EntryLineReader {
    struct Line {
        let seq: UInt64
        let bytes: ArraySlice<UInt8>
        let segmentPath: String
        let offset: UInt64
    }

    static let chunkByteCount = 1 << 20
    /// A line longer than this cannot be an entry (16 KiB limit plus slack for the check).
    static let lineByteCountMax = 1 << 16

    private let segments: SegmentSet
    private var segmentIndex = 0
    private var handle: FileHandle?
    /// The open segment's path, built once a segment rather than once a line.
    private var handlePath = ""
    private var fileOffset: Int64 = 0
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var bufferBase: UInt64 = 0
    private(set) var nextSeq: UInt64 = 0

    init(segments: SegmentSet) {
        self.segments = segments
    }

    /// Starts at entry `seq`, found at `offset` within its segment (from the index).
    init(segments: SegmentSet, seq: UInt64, offset: UInt64) throws {
        self.segments = segments
        let first = segments.segment(holding: seq)
        segmentIndex = segments.firstSeqs.firstIndex(of: first)!
        handlePath = segments.path(firstSeq: first)
        handle = try FileHandle.openForReading(handlePath)
        fileOffset = Int64(offset)
        bufferBase = offset
        nextSeq = seq
    }

    /// The next entry, or nil at the end of the last segment. A final line without its
    /// newline is returned as `torn` through the error channel by the caller's check.
    mutating func next() throws -> Line? {
        while true {
            if let line = try lineFromBuffer() { return line }
            if try fill() { continue }
            if bufferStart < buffer.count {
                let path = currentPath
                throw LedgerError.integrity(.store, "\(path) offset \(bufferBase + UInt64(bufferStart)): entry \(nextSeq) has no final newline (torn write)")
            }
            guard try advanceSegment() else { return nil }
        }
    }

    private var currentPath: String { segments.path(firstSeq: segments.firstSeqs[segmentIndex]) }

    private mutating func lineFromBuffer() throws -> Line? {
        guard let newline = nextNewline() else {
            if buffer.count - bufferStart > EntryLineReader.lineByteCountMax {
                throw LedgerError.integrity(.store, "\(currentPath) offset \(bufferBase + UInt64(bufferStart)): entry \(nextSeq) is over \(EntryLineReader.lineByteCountMax) bytes")
            }
            return nil
        }
        let line = Line(seq: nextSeq, bytes: buffer[bufferStart..<newline], segmentPath: handlePath,
                        offset: bufferBase + UInt64(bufferStart))
        bufferStart = newline + 1
        nextSeq += 1
        return line
    }

    /// The index of the first newline at or after `bufferStart`: `memchr` scans the
    /// buffer in words, where a per-byte Swift loop cost most of the reader's time.
    private func nextNewline() -> Int? {
        buffer.withUnsafeBufferPointer { all -> Int? in
            guard bufferStart < all.count, let base = all.baseAddress,
                  let found = memchr(base + bufferStart, 0x0a, all.count - bufferStart) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    /// Reads more of the current segment; false at its end.
    private mutating func fill() throws -> Bool {
        if handle == nil {
            guard segmentIndex < segments.firstSeqs.count else { return false }
            let first = segments.firstSeqs[segmentIndex]
            guard first == nextSeq else {
                throw LedgerError.integrity(.store, "\(currentPath): segment starts at seq \(first) but the previous one ends before seq \(nextSeq)")
            }
            handlePath = currentPath
            handle = try FileHandle.openForReading(handlePath)
            fileOffset = 0
        }
        let chunk = try handle!.read(at: fileOffset, count: EntryLineReader.chunkByteCount)
        guard !chunk.isEmpty else { return false }
        bufferBase += UInt64(bufferStart)
        buffer.removeSubrange(0..<bufferStart)
        bufferStart = 0
        buffer.append(contentsOf: chunk)
        fileOffset += Int64(chunk.count)
        return true
    }

    private mutating func advanceSegment() throws -> Bool {
        guard handle != nil else { return false }
        handle = nil
        handlePath = ""
        buffer = []
        bufferStart = 0
        bufferBase = 0
        segmentIndex += 1
        return segmentIndex < segments.firstSeqs.count
    }
}
