import ArgumentParser
import CivicLedger

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print one entry, by seq or by writer id, as canonical JSON.")

    @OptionGroup var options: ReaderOptions

    @Argument(help: "A seq (digits, no leading zeros) or an entry id; digits are always a seq.")
    var entry: String

    func run() throws {
        let reader = try options.openLog()
        Terminal.bytesLine(try reader.entryBytes(seq: try reader.seq(seqOrID: entry))[...])
    }
}
