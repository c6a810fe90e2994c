import ArgumentParser
import CivicExport
import CivicLedger

struct GivingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "360giving",
        abstract: "A year's charitable disbursements as a 360Giving JSON package, bound to the verified checkpoint.",
        discussion: "Recipients are anonymised (opaque ids, generic names); no donor data is read. Exit 1 when the ledger does not verify under --vkey, 2 for a bad year or a year with no charitable disbursement.")

    @OptionGroup var ledger: TrustedLedgerOptions

    @Option(help: "The calendar year of the disbursements' value dates.")
    var year: Int

    @Option(help: "Where to write the package (default: standard output).")
    var out: String?

    @OptionGroup var output: ForceOption

    func run() throws {
        let verifier = try ledger.verifier()
        let log = try LedgerLocation.openLog(ledger.directory)
        let meter = ProgressMeter(label: "360giving", total: log.size)
        let package = try GivingExport.package(log: log, verifiers: [verifier], year: year,
                                               progress: meter.map { meter in meter.update })
        meter?.finish()
        try OutputFile.write(package.text, to: out, force: output.force)
        if out != nil {
            Terminal.line("\(package.grantCount) grants of \(year), bound to \(package.checkpoint.checkpoint.origin) at size \(package.checkpoint.checkpoint.size)")
        }
    }
}
