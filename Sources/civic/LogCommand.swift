import ArgumentParser
import CivicLedger

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print acknowledged entries, one canonical JSON object per line.")

    @OptionGroup var options: ReaderOptions

    @Option(help: "First seq to print.")
    var from: UInt64 = 0

    @Option(help: "Print entries below this seq only.")
    var to: UInt64?

    @Option(help: "Only entries of this kind.")
    var kind: EntryKind?

    func run() throws {
        let reader = try options.openLog()
        if let to, from > to { throw LedgerError(.usage, "--from \(from) is after --to \(to)") }
        guard from <= reader.size else {
            throw LedgerError(.usage, "--from \(from) is beyond the ledger's size \(reader.size)")
        }
        let end = min(to ?? reader.size, reader.size)
        try reader.forEachEntry(in: from..<max(from, end)) { _, bytes in
            if let kind, try Entry.decode(Array(bytes)).body.kind != kind { return }
            Terminal.bytesLine(bytes)
        }
    }
}

extension EntryKind: ExpressibleByArgument {}
