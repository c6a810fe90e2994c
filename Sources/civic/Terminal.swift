import CivicLedger
#if canImport(Glibc)
import Glibc
#endif

/// Standard output (buffered here, flushed before exit) and standard error (one line each).
enum Terminal {
    /// The CLI is single-threaded; the buffer is only touched from the main thread.
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    private static let flushByteCount = 1 << 16

    static func error(_ message: String) {
        // Standard error is the last resort: if it cannot be written there is nowhere to say so.
        _ = writeAll(2, Array(("civic: " + message.replacingNewlines() + "\n").utf8))
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

    /// Writes the buffered output. Output that cannot be written (a full disk, a closed
    /// pipe) ends the command at once with exit 2: the output is incomplete, so the command
    /// must not claim success. A full disk or other failure says so on standard error; a
    /// closed pipe (civic log | head) ends quietly, since the reader chose to stop.
    static func flush() {
        guard !buffer.isEmpty else { return }
        let failure = writeAll(1, buffer)
        buffer.removeAll(keepingCapacity: true)
        guard let failure else { return }
        if failure != EPIPE { error("cannot write to standard output: \(LedgerError.reason(errno: failure)); the output is incomplete") }
        exit(ExitCode.inputError)
    }

    /// Writes every byte; the errno of a failed write, or nil.
    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return wrote < 0 ? errno : EIO }
            done += wrote
        }
        return nil
    }
}

extension String {
    /// Error messages stay on one line even when they quote input.
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
