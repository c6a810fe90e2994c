import ArgumentParser
import CivicLedger

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print one entry, by seq or by writer id, as canonical JSON.")

    @Argument(help: "The ledger directory.")
    var directory: String

    @Argument(help: "A seq (a number) or an entry id.")
    var entry: String

    @Option(help: "Trusted verifier key: when given, the newest checkpoint's signature is checked first.")
    var vkey: String?

    func run() throws {
        let reader = try LedgerReader(directory: directory)
        if let vkey { _ = try reader.latestCheckpoint(verifiers: [try TrustAnchor.verifier(vkey)]) }
        if let seq = UInt64(entry) {
            Terminal.bytesLine(try reader.entryBytes(seq: seq)[...])
            return
        }
        var found: [UInt8]?
        try reader.forEachEntry { _, bytes in
            guard found == nil, try Entry.decode(Array(bytes)).body.id == entry else { return }
            found = Array(bytes)
        }
        guard let found else { throw LedgerError(.usage, "\(directory): no entry with id \(entry)") }
        Terminal.bytesLine(found[...])
    }
}
