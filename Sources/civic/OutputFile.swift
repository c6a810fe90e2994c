import CivicLedger
import Foundation

/// Where a command's document goes: a file (written atomically) or standard output.
enum OutputFile {
    static func write(_ text: String, to path: String?, force: Bool) throws {
        guard let path else {
            Terminal.bytesLine(Array(text.utf8.dropLast())[...])
            return
        }
        try OutputPath.write(Array(text.utf8), to: path, force: force)
    }

    /// A UTF-8 text document given on the command line, or a clear error.
    static func readText(_ path: String, limit: Int) throws -> String {
        guard let text = String(validating: try InputFile.read(path, limit: limit), as: UTF8.self) else {
            throw LedgerError(.invalidProof, "\(path) is not UTF-8 text")
        }
        return text
    }
}
