import CivicAudit
import CivicLedger

/// `civic import` of a file in bounded memory: parts of the file are read, parsed on every
/// core and appended to one streamed batch (`StreamedAppend`), signed under one checkpoint
/// at the end. Any bad line or row, refusal or I/O error cuts back what was written, so
/// nothing is acknowledged.
struct StreamedImport {
    let file: String
    let dryRun: Bool
    let backfill: BackfillOption

    func run(_ parts: inout some ImportParts, directory: String, signer: NoteSigner, ruleSet: RuleSet) throws {
        var session = try WriteSession(directory: directory, signer: signer, ruleSet: ruleSet)
        let declaration = try backfill.declaration(batchStart: session.writer.size)
        let stream = try session.beginStream(dryRun: dryRun)
        do {
            try appendAll(&parts, to: stream, declaration: declaration)
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
    private func appendAll(_ parts: inout some ImportParts, to stream: StreamedAppend<BookValidator>, declaration: EntryBody?) throws {
        var lead = declaration.map { [$0] } ?? []
        let meter = ProgressMeter(label: dryRun ? "import (dry run)" : "import", total: nil, stride: 1)
        defer { meter?.finish() }
        while let part = try parts.next(written: !dryRun && stream.appendedCount > 0) {
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
}
