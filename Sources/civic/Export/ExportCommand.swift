import ArgumentParser

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exports for regulators and the public, each bound to a signed checkpoint.",
        subcommands: [ExportSummaryCommand.self, ExportRatiosCommand.self, GivingCommand.self, ReportCommand.self])
}
