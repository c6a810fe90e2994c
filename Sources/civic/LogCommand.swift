import ArgumentParser
import CivicLedger

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print acknowledged entries, one canonical JSON object per line.")

    @Argument(help: "The ledger directory.")
    var directory: String

    @Option(help: "First seq to print.")
    var from: UInt64 = 0

    @Option(help: "Print entries below this seq only.")
    var to: UInt64?

    @Option(help: "Only entries of this kind.")
    var kind: EntryKind?

    @Option(help: "Trusted verifier key: when given, the newest checkpoint's signature is checked first.")
    var vkey: String?

    func run() throws {
        let reader = try LedgerReader(directory: directory)
        if let vkey { _ = try reader.latestCheckpoint(verifiers: [try TrustAnchor.verifier(vkey)]) }
        let end = min(to ?? reader.size, reader.size)
        guard from <= end else { return }
        try reader.forEachEntry { seq, bytes in
            guard seq >= from, seq < end else { return }
            if let kind, try Entry.decode(Array(bytes)).body.kind != kind { return }
            Terminal.bytesLine(bytes)
        }
    }
}

extension EntryKind: ExpressibleByArgument {}
