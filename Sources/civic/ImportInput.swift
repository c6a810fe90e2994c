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

/// The checks a dry run of `civic import` makes instead of opening the writer.
enum ImportInput {
    /// What opening the writer would check, without taking the lock or cutting a torn
    /// tail: the directory is a ledger and `signer` signed its newest checkpoint.
    static func checkSigner(_ signer: NoteSigner, directory: String) throws {
        _ = try LedgerReader(directory: directory).newestCheckpoint(signedBy: signer)
    }
}
