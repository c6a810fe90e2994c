#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    private let handle: FileHandle?
    private let name: String
    private let lineByteCountMax: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var lineNumber = 0

    /// `path` `-` is standard input.
    public init(path: String, lineByteCountMax: Int) throws {
        precondition(lineByteCountMax < LineReader.bufferByteCount, "a line fits the buffer")
        name = path == "-" ? "standard input" : path
        if path == "-" {
            handle = nil
        } else {
            let file = try FileHandle.openForReading(path, code: .usage)
            guard try file.mode() & S_IFMT != S_IFDIR else { throw LedgerError(.usage, "\(path): is a directory, not a file") }
            handle = file
        }
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
        var chunk = [UInt8](repeating: 0, count: LineReader.bufferByteCount - buffer.count)
        let descriptor = handle?.descriptor ?? 0
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw FileHandle.error("read", name, code: .usage) }
            if got == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[..<got]) }
            return
        }
    }
}
