/// Reads a file or standard input line by line through one fixed buffer, so memory never
/// depends on the input's size. A line longer than `lineByteCountMax` is not kept: it is
/// reported as too long and skipped to its end. LF ends a line; a CR before it is dropped;
/// the final newline ends the last line rather than starting an empty one.
public final class LineReader {
    public enum Line {
        case text(ArraySlice<UInt8>, number: Int)
        case tooLong(number: Int)
    }

    public static let bufferByteCount = 1 << 20
    private let input: ChunkReader
    private let lineByteCountMax: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var lineNumber = 0

    /// `path` `-` is standard input.
    public init(path: String, lineByteCountMax: Int) throws {
        precondition(lineByteCountMax < LineReader.bufferByteCount, "a line fits the buffer")
        input = try ChunkReader(path: path)
        self.lineByteCountMax = lineByteCountMax
    }

    /// The next line, or nil at the end of the input.
    public func next() throws -> Line? {
        var skipping = false
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0a) {
                let line = buffer[start..<newline]
                start = newline + 1
                lineNumber += 1
                if skipping || line.count > lineByteCountMax + 1 { return .tooLong(number: lineNumber) }
                return .text(line.last == 0x0d ? line.dropLast() : line, number: lineNumber)
            }
            if buffer.count - start > lineByteCountMax + 1 {
                // Over-long and not ended yet: drop what is buffered and read on to its end.
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            if atEnd {
                guard start < buffer.count || skipping else { return nil }
                buffer.append(0x0a)
                continue
            }
            try fill()
        }
    }

    private func fill() throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        if try !input.read(into: &buffer, upTo: LineReader.bufferByteCount - buffer.count) { atEnd = true }
    }
}
