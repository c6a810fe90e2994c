import ArgumentParser
import CivicLedger

@main
struct Civic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic",
        abstract: "CivicLedger: an append-only, hash-chained, signed ledger for charities and market contributions."
    )
}
