import CivicLedger
#if canImport(Glibc)
import Glibc
#endif

/// Reads a CSV file of writer entries (Ledger/SPEC.md, "CSV import"). Every bad row is
/// listed on standard error as `FILE:LINE: column: reason` (up to a limit), then one
/// error with the count is thrown, so nothing is written.
enum CSVInput {
    /// At most this many bad rows are described; the rest are counted.
    static let reportedProblemCountMax = 20
    /// Files with more rows than this show progress when standard error is a terminal.
    static let progressRowCountMin = 10_000

    static func parse(_ bytes: [UInt8], name: String) throws -> (bodies: [EntryBody], lines: [Int]) {
        let meter = ProgressMeter(enabled: isatty(2) == 1, rowCountMin: progressRowCountMin)
        let file = CSVEntryFile(bytes: bytes, problemCountMax: reportedProblemCountMax, progress: meter.update)
        meter.finish()
        guard file.problemCount == 0 else {
            for problem in file.problems {
                StandardError.write("\(name):\(problem.lineNumber): \(problem.detail)".replacingNewlines() + "\n")
            }
            let rows = file.problemCount == 1 ? "1 bad row" : "\(file.problemCount) bad rows"
            let listed = file.problemCount > file.problems.count ? " (the first \(file.problems.count) listed)" : ""
            throw LedgerError(.invalidEntry, "\(name): \(rows)\(listed); nothing was written")
        }
        assert(file.bodies.count == file.rowCount, "a clean file gives one entry per row")
        return (file.bodies, file.lineNumbers)
    }
}

/// "parsed N rows" on standard error, rewritten in place with \r a few times a second.
final class ProgressMeter {
    private static let interval = Duration.milliseconds(250)
    private let enabled: Bool
    private let rowCountMin: Int
    private let clock = ContinuousClock()
    private var lastShown: ContinuousClock.Instant?

    init(enabled: Bool, rowCountMin: Int) {
        self.enabled = enabled
        self.rowCountMin = rowCountMin
    }

    func update(_ rowCount: Int) {
        guard enabled, rowCount > rowCountMin else { return }
        let now = clock.now
        if let lastShown, now - lastShown < ProgressMeter.interval { return }
        lastShown = now
        StandardError.write("\rcivic: parsed \(rowCount) rows")
    }

    /// Ends the progress line, if one was shown, so later messages start on their own line.
    func finish() {
        guard lastShown != nil else { return }
        StandardError.write("\n")
        lastShown = nil
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
