import CivicLedger
import Foundation

/// Whole-file reads for command inputs, with a size limit and one clear error.
enum InputFile {
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let data: Data
        do {
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        } catch {
            throw LedgerError(.usage, "\(path): cannot be read (\((error as NSError).localizedDescription))")
        }
        guard data.count <= limit else {
            throw LedgerError(.usage, "\(path): \(data.count) bytes is over the \(limit)-byte limit")
        }
        return [UInt8](data)
    }
}
