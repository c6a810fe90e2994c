import ArgumentParser
import CivicAudit
import CivicLedger

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the ledger's integrity and every rule of the rule set; exit 1 when a finding reaches --fail-on.",
        discussion: "One streaming pass. Text output groups findings by severity and names the law or standard behind each; JSON output is canonical (README, \"Audit report\").")

    @OptionGroup var ledger: TrustedLedgerOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "Audit only this calendar year's entries and periods.")
    var year: Int?

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "error or warning: the lowest severity that makes the audit fail.")
    var failOn: FailLevel = .error

    @Option(help: "A signed checkpoint saved earlier, which the ledger must extend (INT-CONSIST).")
    var checkpoint: String?

    enum ReportFormat: String, ExpressibleByArgument { case text, json }
    enum FailLevel: String, ExpressibleByArgument { case error, warning }

    func run() throws {
        let verifier = try ledger.verifier()
        let log = try LedgerLocation.openLog(ledger.directory)
        let held = try checkpoint.map { try SignedNote.parse(try InputFile.read($0, limit: SignedNote.byteCountMax)) }
        var auditor = Auditor(log: log, verifiers: [verifier], ruleSet: try ruleOptions.load(), year: year,
                              heldCheckpoint: held, now: UTCClock.unixNow())
        let meter = ProgressMeter(label: "audit", total: log.size)
        auditor.progress = meter.map { meter in { meter.update($0) } }
        let report = try auditor.run()
        meter?.finish()
        let level: Severity = failOn == .error ? .error : .warning
        switch format {
        case .text: Terminal.bytesLine(Array(report.text(failOn: level).utf8.dropLast())[...])
        case .json: Terminal.bytesLine(CanonicalJSON.encode(report.json)[...])
        }
        if report.fails(at: level) {
            throw CheckFailed(message: "audit failed: \(report.count(.error)) errors, \(report.count(.warning)) warnings")
        }
    }
}
