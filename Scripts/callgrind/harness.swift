// The callgrind harness (Scripts/callgrind): each pass as the `civic` command runs it,
// linked against the release objects of CivicLedger, CivicAudit and CivicExport only, so
// it needs no release build of the server and database modules. Prints nothing but errors.
import CivicAudit
import CivicExport
import CivicLedger

@main
struct Harness {
    static func main() throws {
        let args = CommandLine.arguments
        guard args.count >= 4 else { fatalError("usage: harness verify|audit|summary|report|import-jsonl|import-csv DIR VKEY|FILE KEY") }
        let directory = args[2]
        switch args[1] {
        case "verify":
            _ = try LedgerVerifier(directory: directory, verifiers: [try NoteVerifier(vkey: args[3])]).verify(heldCheckpoint: nil)
        case "audit":
            let log = try LedgerReader(directory: directory)
            let auditor = Auditor(log: log, verifiers: [try NoteVerifier(vkey: args[3])], ruleSet: try RuleSet.shipped(RuleSet.defaultName),
                                  year: nil, heldCheckpoint: nil, now: UTCClock.unixNow())
            _ = CanonicalJSON.encode(try auditor.run().json)
        case "summary":
            let export = try SummaryExport(reader: try LedgerReader(directory: directory), verifiers: [try NoteVerifier(vkey: args[3])],
                                           by: try SummaryDimension.parseList("kind,category,month"), period: .all)
            _ = export.jsonText
        case "report":
            _ = try ReportExport.report(directory: directory, verifiers: [try NoteVerifier(vkey: args[3])],
                                        ruleSet: try RuleSet.shipped(RuleSet.defaultName), year: 2025).html
        case "import-jsonl", "import-csv":
            try importFile(directory: directory, file: args[3], key: args[4], csv: args[1] == "import-csv")
        default:
            fatalError("unknown pass \(args[1])")
        }
    }

    /// `civic import` of a file ledger: parts of 4,096 entries into one streamed batch, one checkpoint.
    static func importFile(directory: String, file: String, key: String, csv: Bool) throws {
        var session = try WriteSession(directory: directory, signer: try KeyFile.load(key), ruleSet: try RuleSet.shipped(RuleSet.defaultName))
        let stream = try session.beginStream()
        if csv {
            var parts = try CSVEntryStream(path: file)
            var lineOfID: [String: Int] = [:]
            while let part = try parts.readPart(rowCount: 4096, problemCountMax: 20, lineOfID: &lineOfID) {
                guard part.problemCount == 0 else { fatalError("\(file): bad rows") }
                try stream.append(part.bodies)
                lineOfID.removeAll(keepingCapacity: true)
            }
        } else {
            let reader = try LineReader(path: file, lineByteCountMax: EntryLimits.entryByteCountMax)
            while let part = try JSONLinesInput.readPart(reader, count: 4096, name: file) {
                guard part.errorCount == 0 else { fatalError(part.errors[0]) }
                try stream.append(part.bodies)
            }
        }
        _ = try session.commit(stream)
    }
}
