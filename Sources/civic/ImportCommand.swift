import ArgumentParser
import CivicAudit
import CivicLedger

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Append every entry of a JSON Lines or CSV file, all or nothing, under one new checkpoint.",
        discussion: """
        JSON Lines: each line is one object with exactly the writer's fields of an entry. CSV: a header of \
        writer field paths and one entry per row (Ledger/SPEC.md, "CSV import"). Either is read and written \
        a part at a time, so a file of any size needs the same memory. One bad line or row and nothing is \
        acknowledged; every bad CSV row is listed as FILE:LINE: column: reason.
        """)

    /// Entries checked, written and hashed together in one part of an import.
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
        let ruleSet = try ruleOptions.load()
        let streamed = StreamedImport(file: file, dryRun: dryRun, backfill: backfill)
        if (format ?? ImportFormat.guessed(from: file)) == .jsonl {
            var parts = try JSONLinesParts(file: file, count: ImportCommand.partEntryCount)
            return try streamed.run(&parts, directory: options.directory, signer: signer, ruleSet: ruleSet)
        }
        var parts = try CSVParts(file: file, count: ImportCommand.partEntryCount)
        try streamed.run(&parts, directory: options.directory, signer: signer, ruleSet: ruleSet)
    }

    static func dryRunLine(appended: Int, existing: Int) -> String {
        "dry run: \(appended) entries would be imported, \(existing) are already recorded; nothing was written"
    }
}
