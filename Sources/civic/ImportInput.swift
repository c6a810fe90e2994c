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
    /// The entries of the CSV file `file` and, for each, the line it starts on (a JSON Lines
    /// file is streamed instead: `StreamedImport`).
    static func readCSV(_ file: String, byteCountMax: Int) throws -> (bodies: [EntryBody], lines: [Int]) {
        try CSVInput.parse(try InputFile.read(file, limit: byteCountMax), name: file)
    }

    /// What opening the writer would check, without taking the lock or cutting a torn
    /// tail: the directory is a ledger and `signer` signed its newest checkpoint.
    static func checkSigner(_ signer: NoteSigner, directory: String) throws {
        _ = try LedgerReader(directory: directory).newestCheckpoint(signedBy: signer)
    }
}
