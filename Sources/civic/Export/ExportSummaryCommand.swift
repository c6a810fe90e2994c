import ArgumentParser
import CivicExport
import CivicLedger

struct ExportSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Counts, totals and distinct parties of the money entries, grouped by dimensions, at the verified newest checkpoint.",
        discussion: """
        Dimensions: \(SummaryDimension.allCases.map(\.rawValue).joined(separator: ", ")). A reversal takes its target out \
        of the target's row and is not a row itself. No party reference is ever exported (README, "Summary and ratios exports"). \
        Several ledgers (--ledger, --ledgers) give one consolidated table, each ledger verified and bound to its own checkpoint; \
        org (the ledger's origin) tells them apart.
        """)

    @OptionGroup var ledgers: LedgerSetOptions

    @Option(help: "Only entries whose value date falls in this calendar year.")
    var year: Int?

    @Option(help: "Only entries with a value date on or after this date (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Only entries with a value date on or before this date (YYYY-MM-DD).")
    var to: String?

    @Option(help: "Comma-separated dimensions to group by, e.g. kind,year.")
    var by: String

    @Option(help: "json or csv.")
    var format: SummaryFormat = .json

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var output: ForceOption

    func run() throws {
        if year != nil && (from != nil || to != nil) {
            throw LedgerError(.usage, "--year cannot be combined with --from or --to")
        }
        let dimensions = try SummaryDimension.parseList(by)
        let period = try year.map { try SummaryPeriod(year: $0) } ?? SummaryPeriod(from: from, to: to)
        switch try ledgers.choice() {
        case .one(let directory, let verifier):
            let reader = try LedgerLocation.openLog(directory)
            let meter = ProgressMeter(label: "summary", total: reader.size)
            let export = try SummaryExport(reader: reader, verifiers: [verifier], by: dimensions, period: period,
                                           progress: meter.map { meter in meter.update })
            meter?.finish()
            try OutputFile.write(format == .json ? export.jsonText : export.csvText, to: out, force: output.force)
        case .many(let sources):
            let meter = ProgressMeter(label: "summary of \(sources.count) ledgers", total: nil)
            let export = try ConsolidatedSummary(sources: sources, by: dimensions, period: period,
                                                 progress: meter.map { meter in meter.update })
            meter?.finish()
            try OutputFile.write(format == .json ? export.jsonText : export.csvText, to: out, force: output.force)
        }
    }
}

/// `--format` of the summary and ratios exports.
enum SummaryFormat: String, ExpressibleByArgument {
    case json, csv
}
