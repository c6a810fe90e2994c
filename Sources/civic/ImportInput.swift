import ArgumentParser
import CivicLedger

/// The input formats of `civic import`.
enum ImportFormat: String, CaseIterable, ExpressibleByArgument {
    case jsonl, csv

    /// CSV for a `.csv` file name (any case), JSON Lines otherwise (also for standard input).
    static func guessed(from path: String) -> ImportFormat {
        path.lowercased().hasSuffix(".csv") ? .csv : .jsonl
    }
}

/// The input side of `civic import`: reading a file in its format, and the checks a dry
/// run makes instead of opening the writer.
enum ImportInput {
    /// The entries of `file` and, for each, the line it starts on.
    static func read(_ file: String, format: ImportFormat?, byteCountMax: Int) throws -> (bodies: [EntryBody], lines: [Int]) {
        let bytes = try InputFile.read(file, limit: byteCountMax)
        switch format ?? ImportFormat.guessed(from: file) {
        case .jsonl:
            // Every line is one entry (an empty line is an error), so entry k is on line k + 1.
            let bodies = try JSONLinesInput.parse(bytes, name: file)
            return (bodies, bodies.indices.map { $0 + 1 })
        case .csv:
            return try CSVInput.parse(bytes, name: file)
        }
    }

    /// What opening the writer would check, without taking the lock or cutting a torn
    /// tail: the directory is a ledger and `signer` signed its newest checkpoint.
    static func checkSigner(_ signer: NoteSigner, directory: String) throws {
        _ = try LedgerReader(directory: directory).newestCheckpoint(signedBy: signer)
    }
}
