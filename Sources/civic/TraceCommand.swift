import ArgumentParser
import CivicExport
import CivicLedger

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Where did my money go: the disbursements and transfers that drew on one donation, at a verified checkpoint.",
        discussion: """
        The allocation rule is first in, first out per fund and currency, in log order; a transfer moves the donation's \
        part to the other fund and the trace follows it there; reversed entries take no part (Ledger/SPEC.md, "Trace"). \
        The trace is the ledger's statement at the checkpoint: anyone with the entries up to it gets the same bytes. \
        Exit 1 when the checkpoint does not verify under --vkey or the entries do not hash to its root; 2 for an \
        unknown entry, an entry that is not a donation, or bad arguments.
        """)

    @OptionGroup var ledger: TrustedLedgerOptions

    @Argument(help: "The donation: a seq, or an entry id.")
    var entry: String

    @Option(help: "A signed checkpoint held earlier: trace at it instead of at the newest (the ledger must hash to its root).")
    var checkpoint: String?

    @Option(help: "text or json.")
    var format: TraceFormat = .text

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var output: ForceOption

    func run() throws {
        let verifier = try ledger.verifier()
        let reader = try LedgerLocation.openLog(ledger.directory)
        let bound = try checkpoint.map { path in
            let note: SignedNote
            do { note = try SignedNote.parse(try InputFile.read(path, limit: SignedNote.byteCountMax)) } catch let error as LedgerError {
                throw LedgerError(error.code, error.message.hasPrefix(path) ? error.message : "\(path): \(error.message)")
            }
            return try ExportCheckpoint(held: note, name: path, verifiers: [verifier])
        } ?? ExportCheckpoint(reader: reader, verifiers: [verifier])
        let meter = ProgressMeter(label: "trace (\(TraceExport.passes) passes)", total: TraceExport.passes * bound.checkpoint.size)
        let trace = try TraceExport.trace(reader: reader, seq: try reader.seq(seqOrID: entry), at: bound,
                                          progress: meter.map { meter in meter.update })
        meter?.finish()
        let text = format == .json ? String(decoding: try trace.canonicalBytes(), as: UTF8.self) + "\n" : try trace.text()
        try OutputFile.write(text, to: out, force: output.force)
    }
}

/// `--format` of `civic trace`.
enum TraceFormat: String, ExpressibleByArgument {
    case text, json
}
