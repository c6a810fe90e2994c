import ArgumentParser
import CivicAudit
import CivicLedger

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Append every entry of a JSON Lines or CSV file, all or nothing, under one new checkpoint.",
        discussion: """
        JSON Lines: each line is one object with exactly the writer's fields of an entry, read and written \
        a part at a time, so a file of any size needs the same memory. CSV: a header of writer field paths \
        and one entry per row (Ledger/SPEC.md, "CSV import"). One bad line or row and nothing is \
        acknowledged; every bad CSV row is listed as FILE:LINE: column: reason.
        """)

    /// A CSV file larger than this is refused before parsing (it is read whole).
    static let fileByteCountMax = 1 << 31
    /// Entries checked, written and hashed together in one part of a JSON Lines import.
    static let partEntryCount = 4096

    @OptionGroup var options: WriterOptions

    @Argument(help: "JSON Lines or CSV file of entries, or - for standard input.")
    var file: String

    @Option(help: "Input format: jsonl or csv (default: csv for a .csv file, jsonl otherwise).")
    var format: ImportFormat?

    @Flag(help: "Check the key, the ledger and every entry, print how many would be imported, and write nothing.")
    var dryRun = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var backfill: BackfillOption

    func run() throws {
        let signer = try KeyFile.load(options.key)
        if LedgerLocation.isDatabase(options.directory) {
            guard !dryRun else { throw LedgerError(.usage, "--dry-run is not yet supported for a PostgreSQL ledger") }
            return try DatabaseImport(file: file, format: format ?? ImportFormat.guessed(from: file))
                .run(location: options.directory, signer: signer, ruleSet: try ruleOptions.load())
        }
        if (format ?? ImportFormat.guessed(from: file)) == .jsonl {
            return try StreamedImport(file: file, dryRun: dryRun, partEntryCount: ImportCommand.partEntryCount, backfill: backfill)
                .run(directory: options.directory, signer: signer, ruleSet: try ruleOptions.load())
        }
        let (rows, lines) = try ImportInput.readCSV(file, byteCountMax: ImportCommand.fileByteCountMax)
        guard !rows.isEmpty else { throw LedgerError(.usage, "\(file): no entries to import") }
        var session = try WriteSession(directory: options.directory, signer: signer, ruleSet: try ruleOptions.load())
        let declaration = try backfill.declaration(batchStart: session.writer.size)
        let bodies = (declaration.map { [$0] } ?? []) + rows
        let lead = bodies.count - rows.count
        do {
            if dryRun {
                let plan = try session.check(bodies)
                let appended = plan.appendedCount - (plan.appendedCount > 0 ? lead : 0)
                return Terminal.line(ImportCommand.dryRunLine(appended: appended, existing: rows.count - appended))
            }
            // A retry of a backfill: alone, the declaration would cover nothing (stops at the first new id).
            if declaration != nil, try rows.allSatisfy({ try session.writer.recordedEntry(id: $0.id)?.body == $0 }) {
                return Terminal.line(BackfillOption.nothingNewLine(existing: rows.count))
            }
            try session.append(bodies).report()
        } catch let error as LedgerError where error.entryIndex != nil && error.entryIndex! < bodies.count {
            // Name the line of the file, as for a malformed line (or the option, for the declaration).
            let index = error.entryIndex! - lead
            throw LedgerError(error.code, (index < 0 ? "--backfill-until" : "\(file):\(lines[index])") + ": \(error.message)")
        }
    }

    static func dryRunLine(appended: Int, existing: Int) -> String {
        "dry run: \(appended) entries would be imported, \(existing) are already recorded; nothing was written"
    }
}
