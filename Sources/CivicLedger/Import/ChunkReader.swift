#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or standard input read a chunk at a time, for the readers whose memory must not
/// depend on the input's size (`LineReader`, a streamed `CSVReader`).
public final class ChunkReader {
    /// The path, or `standard input` for `-`: what an error names.
    public let name: String
    private let handle: FileHandle?

    /// `path` `-` is standard input.
    public init(path: String) throws {
        name = path == "-" ? "standard input" : path
        if path == "-" {
            handle = nil
        } else {
            let file = try FileHandle.openForReading(path, code: .usage)
            guard try file.mode() & S_IFMT != S_IFDIR else { throw LedgerError(.usage, "\(path): is a directory, not a file") }
            handle = file
        }
    }

    /// Appends up to `count` more bytes to `buffer` (one read); false at the end of the input.
    func read(into buffer: inout [UInt8], upTo count: Int) throws -> Bool {
        precondition(count > 0, "a read asks for at least one byte")
        var chunk = [UInt8](repeating: 0, count: count)
        let descriptor = handle?.descriptor ?? 0
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw FileHandle.error("read", name, code: .usage) }
            guard got > 0 else { return false }
            buffer.append(contentsOf: chunk[..<got])
            return true
        }
    }
}
