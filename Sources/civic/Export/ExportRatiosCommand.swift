import ArgumentParser
import CivicAudit
import CivicExport
import CivicLedger

struct ExportRatiosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratios",
        abstract: "The charity-law ratios (LAW-RATIO) per year, computed by the audit's own code at the verified newest checkpoint.",
        discussion: "Income, charitable, administrative and fundraising spending in minor units; ratios and the rule set's thresholds in basis points. Several ledgers (--ledger, --ledgers): each one's ratios, bound to its own checkpoint, and the breaches across them.")

    @OptionGroup var ledgers: LedgerSetOptions

    @Option(help: "Only this calendar year (earlier years still count for its tests).")
    var year: Int?

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "json or csv.")
    var format: SummaryFormat = .json

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var output: ForceOption

    func run() throws {
        let text: String
        switch try ledgers.choice() {
        case .one(let directory, let verifier):
            let reader = try LedgerLocation.openLog(directory)
            let meter = ProgressMeter(label: "ratios", total: reader.size)
            let export = try RatiosExport(reader: reader, verifiers: [verifier], ruleSet: try ruleOptions.load(), year: year,
                                          progress: meter.map { meter in meter.update })
            meter?.finish()
            if export.years.isEmpty {
                Terminal.note(year.map { "no ratios for \($0): the year is not in the ledger, or the rule set has no thresholds for this organisation" }
                    ?? "no ratios: the rule set has no thresholds for this organisation's type and fundraising status")
            }
            text = format == .json ? export.jsonText : export.csvText
        case .many(let sources):
            let meter = ProgressMeter(label: "ratios of \(sources.count) ledgers", total: nil)
            let export = try ConsolidatedRatios(sources: sources, ruleSet: try ruleOptions.load(), year: year,
                                                progress: meter.map { meter in meter.update })
            meter?.finish()
            for ledger in export.ledgers where ledger.years.isEmpty {
                Terminal.note("no ratios for \(ledger.checkpoint.checkpoint.origin): the year is not in its ledger, or the rule set has no thresholds for its organisation")
            }
            text = format == .json ? export.jsonText : export.csvText
        }
        try OutputFile.write(text, to: out, force: output.force)
    }
}
