#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error. Output is buffered by stdio; errors are one line each.
enum Terminal {
    static func error(_ message: String) {
        let line = "civic: " + message.replacingNewlines() + "\n"
        fputs(line, stderr)
    }

    /// A progress or status message for a person, on standard error.
    static func note(_ message: String) {
        fputs("civic: " + message.replacingNewlines() + "\n", stderr)
    }

    static func line(_ text: String) {
        fputs(text + "\n", stdout)
    }

    /// Writes raw bytes and a newline (for canonical entries, which are UTF-8 already).
    static func bytesLine(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { raw in
            _ = fwrite(raw.baseAddress, 1, raw.count, stdout)
        }
        fputc(0x0a, stdout)
    }
}

extension String {
    /// Error messages stay on one line even when they quote input.
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
