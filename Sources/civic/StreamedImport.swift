import CivicAudit
import CivicLedger

/// `civic import` of a JSON Lines file in bounded memory: parts of the file are read,
/// parsed on every core and appended to one streamed batch (`StreamedAppend`), signed
/// under one checkpoint at the end. Any bad line, refusal or I/O error cuts back what
/// was written, so nothing is acknowledged.
struct StreamedImport {
    let file: String
    let dryRun: Bool
    let partEntryCount: Int

    func run(directory: String, signer: NoteSigner, ruleSet: RuleSet) throws {
        let reader = try LineReader(path: file, lineByteCountMax: EntryLimits.entryByteCountMax)
        var session = try WriteSession(directory: directory, signer: signer, ruleSet: ruleSet)
        let stream = try session.beginStream(dryRun: dryRun)
        do {
            try appendAll(reader, to: stream)
        } catch {
            try stream.abandon()
            throw error
        }
        guard stream.bodyCount > 0 else {
            try stream.abandon()
            throw LedgerError(.usage, "\(file): no entries to import")
        }
        if dryRun {
            Terminal.line(ImportCommand.dryRunLine(appended: stream.appendedCount, existing: stream.existingCount))
            try stream.abandon()
            return
        }
        try session.commit(stream).report()
    }

    private func appendAll(_ reader: LineReader, to stream: StreamedAppend<BookValidator>) throws {
        while let part = try JSONLinesInput.readPart(reader, count: partEntryCount, name: file) {
            guard part.errorCount == 0 else { throw try badLines(part, reader, written: !dryRun && stream.appendedCount > 0) }
            do {
                try stream.append(part.bodies)
            } catch let error as LedgerError where error.entryIndex != nil && error.entryIndex! < part.lines.count {
                throw LedgerError(error.code, "\(file):\(part.lines[error.entryIndex!]): \(error.message)")
            }
        }
    }

    /// The error for a part with bad lines: its first one, and how many the rest of the file
    /// holds, counted without writing (up to a bound, so an endless input still ends).
    /// `written`: earlier parts are in the files, to be cut back.
    private func badLines(_ part: JSONLinesInput.Part, _ reader: LineReader, written: Bool) throws -> LedgerError {
        var count = part.errorCount
        while count < JSONLinesInput.reportedErrorCountMax,
              let more = try JSONLinesInput.readPart(reader, count: partEntryCount, name: file, errorCountMax: 0) {
            count += more.errorCount
        }
        let atLeast = count >= JSONLinesInput.reportedErrorCountMax ? "at least " : ""
        let outcome = written ? "the entries written before it were cut back, nothing was acknowledged" : "nothing was written"
        let more = count > 1 ? " (\(atLeast)\(count) bad lines in all; \(outcome))" : " (\(outcome))"
        return LedgerError(.invalidEntry, part.errors[0] + more)
    }
}
