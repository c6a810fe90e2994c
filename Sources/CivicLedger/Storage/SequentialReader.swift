/// Reads a file front to back in fixed-size records through a large buffer.
struct SequentialReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private(set) var offset: Int64 = 0
    private var fileOffset: Int64 = 0

    init(handle: FileHandle) {
        self.handle = handle
    }

    var path: String { handle.path }

    /// The next `count` bytes, or nil when the file ends first.
    mutating func next(_ count: Int) throws -> ArraySlice<UInt8>? {
        if buffer.count - position < count {
            buffer.removeSubrange(0..<position)
            position = 0
            let chunk = try handle.read(at: fileOffset, count: max(1 << 20, count))
            fileOffset += Int64(chunk.count)
            buffer.append(contentsOf: chunk)
            guard buffer.count >= count else { return nil }
        }
        defer {
            position += count
            offset += Int64(count)
        }
        return buffer[position..<position + count]
    }
}
