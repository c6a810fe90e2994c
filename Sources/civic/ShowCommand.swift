import ArgumentParser
import CivicLedger

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print one entry, by seq or by writer id, as canonical JSON.")

    @OptionGroup var options: ReaderOptions

    @Argument(help: "A seq (a number) or an entry id.")
    var entry: String

    func run() throws {
        let reader = try options.openReader()
        if let seq = UInt64(entry) {
            Terminal.bytesLine(try reader.entryBytes(seq: seq)[...])
            return
        }
        var found: [UInt8]?
        try reader.forEachEntry { _, bytes in
            guard found == nil, try Entry.decode(Array(bytes)).body.id == entry else { return }
            found = Array(bytes)
        }
        guard let found else { throw LedgerError(.usage, "\(options.directory): no entry with id \(entry)") }
        Terminal.bytesLine(found[...])
    }
}
