#if canImport(Glibc)
import Glibc
#endif

/// Standard output (buffered here, flushed before exit) and standard error (one line each).
enum Terminal {
    /// The CLI is single-threaded; the buffer is only touched from the main thread.
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    private static let flushByteCount = 1 << 16

    static func error(_ message: String) {
        writeAll(2, Array(("civic: " + message.replacingNewlines() + "\n").utf8))
    }

    /// A progress or status message for a person, on standard error.
    static func note(_ message: String) {
        error(message)
    }

    static func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0a)
        if buffer.count >= flushByteCount { flush() }
    }

    /// Writes raw bytes and a newline (canonical entries are UTF-8 already).
    static func bytesLine(_ bytes: ArraySlice<UInt8>) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0a)
        if buffer.count >= flushByteCount { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        writeAll(1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
            if wrote < 0 && errno == EINTR { continue }
            // A closed pipe (civic log | head) ends output quietly.
            guard wrote > 0 else { return }
            done += wrote
        }
    }
}

extension String {
    /// Error messages stay on one line even when they quote input.
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
