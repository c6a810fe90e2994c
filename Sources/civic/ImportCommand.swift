import ArgumentParser
import CivicLedger

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Append every entry of a JSON Lines file, all or nothing, under one new checkpoint.",
        discussion: "Each line is one object with exactly the writer's fields of an entry (Ledger/SPEC.md). One bad line and nothing is written.")

    /// A file larger than this is refused before parsing (about 4 million entries).
    static let fileByteCountMax = 1 << 31

    @OptionGroup var options: WriterOptions

    @Argument(help: "JSON Lines file of entries, or - for standard input.")
    var file: String

    @Option(help: "Input format: jsonl.")
    var format: String = "jsonl"

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        guard format == "jsonl" else {
            throw LedgerError(.usage, "--format \(format): only jsonl is supported")
        }
        let signer = try KeyFile.load(options.key)
        let bodies = try JSONLinesInput.parse(try InputFile.read(file, limit: ImportCommand.fileByteCountMax), name: file)
        guard !bodies.isEmpty else { throw LedgerError(.usage, "\(file): no entries to import") }
        let result = try ValidatedWrite.append(bodies, directory: options.directory, signer: signer,
                                               ruleSet: try ruleOptions.load())
        ValidatedWrite.report(result)
    }
}
