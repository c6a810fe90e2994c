import CivicLedger
#if canImport(Glibc)
import Glibc
#endif

/// Reads a CSV file of writer entries held whole (Ledger/SPEC.md, "CSV import"; a PostgreSQL
/// ledger's import; a file ledger's import streams it, `CSVParts`). Every bad row is listed
/// on standard error as `FILE:LINE: column: reason` (up to a limit), then one error with
/// the count is thrown, so nothing is written.
enum CSVInput {
    /// At most this many bad rows are described; the rest are counted.
    static let reportedProblemCountMax = 20
    static func parse(_ bytes: [UInt8], name: String) throws -> (bodies: [EntryBody], lines: [Int]) {
        // CSVEntryFile reports every 1,024 rows; the meter reads the clock each time.
        let meter = ProgressMeter(label: "read \(name)", total: nil, stride: 1)
        let file = CSVEntryFile(bytes: bytes, problemCountMax: reportedProblemCountMax,
                                progress: meter.map { meter in { meter.update(UInt64($0)) } })
        meter?.finish()
        guard file.problemCount == 0 else {
            throw report(file.problems, count: file.problemCount, name: name, outcome: "nothing was written")
        }
        assert(file.bodies.count == file.rowCount, "a clean file gives one entry per row")
        return (file.bodies, file.lineNumbers)
    }
}

extension CSVInput {
    /// Lists `problems` on standard error and returns the one error that counts them all
    /// (`count`) and says what became of the entries (`outcome`).
    static func report(_ problems: [CSVProblem], count: Int, name: String, outcome: String) -> LedgerError {
        for problem in problems {
            StandardError.write("\(name):\(problem.lineNumber): \(problem.detail)".replacingNewlines() + "\n")
        }
        let rows = count == 1 ? "1 bad row" : "\(count) bad rows"
        let listed = count > problems.count ? " (the first \(problems.count) listed)" : ""
        return LedgerError(.invalidEntry, "\(name): \(rows)\(listed); \(outcome)")
    }
}

/// Raw writes to standard error, for lines that are not `civic: ` messages.
enum StandardError {
    static func write(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress! + done, bytes.count - done) }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return }
            done += wrote
        }
    }
}
