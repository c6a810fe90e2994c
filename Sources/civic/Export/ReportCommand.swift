import ArgumentParser
import CivicExport
import CivicLedger

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A year's self-contained HTML report (figures, charts, ratios, audit findings), bound to the verified checkpoint.",
        discussion: "One file with inline CSS and SVG, no scripts; the same ledger and options give the same bytes. Exit 1 when the ledger does not verify under --vkey, 2 for a year outside the ledger or bad arguments.")

    @OptionGroup var ledger: TrustedLedgerOptions

    @Option(help: "The calendar year to report (value dates).")
    var year: Int

    @Option(help: "Where to write the HTML (default: standard output).")
    var out: String?

    @OptionGroup var output: ForceOption

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let verifier = try ledger.verifier()
        let log = try LedgerLocation.openLog(ledger.directory)
        let ruleSet = try ruleOptions.load()
        let meter = ProgressMeter(label: "report (\(ReportExport.passes) passes)", total: ReportExport.passes * log.size)
        let report = try ReportExport.report(log: log, verifiers: [verifier], ruleSet: ruleSet, year: year,
                                             progress: meter.map { meter in meter.update })
        meter?.finish()
        try OutputFile.write(report.html, to: out, force: output.force)
        if out != nil {
            Terminal.line("report of \(year): \(report.chartCount) charts, \(report.findingCount) audit findings, bound to \(report.checkpoint.checkpoint.origin) at size \(report.checkpoint.checkpoint.size)")
        }
    }
}
