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
    let backfill: BackfillOption

    func run(directory: String, signer: NoteSigner, ruleSet: RuleSet) throws {
        let reader = try LineReader(path: file, lineByteCountMax: EntryLimits.entryByteCountMax)
        var session = try WriteSession(directory: directory, signer: signer, ruleSet: ruleSet)
        let declaration = try backfill.declaration(batchStart: session.writer.size)
        let stream = try session.beginStream(dryRun: dryRun)
        do {
            try appendAll(reader, to: stream, declaration: declaration)
        } catch {
            try stream.abandon()
            throw error
        }
        let lead = declaration == nil ? 0 : 1
        guard stream.bodyCount > lead else {
            try stream.abandon()
            throw LedgerError(.usage, "\(file): no entries to import")
        }
        // The declaration is new whenever anything is; alone it would cover nothing.
        let appended = stream.appendedCount - (stream.appendedCount > 0 ? lead : 0)
        if dryRun || appended == 0 && lead > 0 {
            try stream.abandon()
            let existing = stream.bodyCount - lead - appended
            return Terminal.line(dryRun ? ImportCommand.dryRunLine(appended: appended, existing: existing)
                                        : BackfillOption.nothingNewLine(existing: existing))
        }
        try session.commit(stream).report()
    }

    /// Appends every part of the file, the declaration (when there is one) first.
    private func appendAll(_ reader: LineReader, to stream: StreamedAppend<BookValidator>, declaration: EntryBody?) throws {
        var lead = declaration.map { [$0] } ?? []
        let meter = ProgressMeter(label: dryRun ? "import (dry run)" : "import", total: nil, stride: 1)
        defer { meter?.finish() }
        while let part = try JSONLinesInput.readPart(reader, count: partEntryCount, name: file) {
            guard part.errorCount == 0 else { throw try badLines(part, reader, written: !dryRun && stream.appendedCount > 0) }
            do {
                try stream.append(lead + part.bodies)
            } catch let error as LedgerError where error.entryIndex != nil && error.entryIndex! < lead.count + part.lines.count {
                let index = error.entryIndex! - lead.count
                throw LedgerError(error.code, (index < 0 ? "--backfill-until" : "\(file):\(part.lines[index])") + ": \(error.message)")
            }
            lead = []
            meter?.update(UInt64(stream.bodyCount))
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
