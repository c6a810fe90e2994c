import Foundation
import Testing

/// `civic export summary` and `ratios` over several ledgers: one table added up by hand
/// across three small ledgers (two currencies never added), `org` telling them apart, each
/// ledger bound to its own checkpoint; a tampered ledger, a ledger given twice and bad list
/// files refused, naming which.
@Suite(.serialized) struct ConsolidatedExportCLITests {
    struct Ledger {
        let directory: String
        let key: String
        let vkey: String
        let origin: String
    }

    static func fund() -> String {
        #"{"kind":"fund","id":"fund-GEN","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}"#
    }

    static func donation(_ id: String, _ value: Int, _ currency: String, ref: String, date: String = "2025-03-01") -> String {
        #"{"kind":"donation","id":"\#(id)","date":"\#(date)","fund":"GEN","amount":{"value":\#(value),"currency":"\#(currency)"},"donor":{"ref":"\#(ref)","type":"individual"},"form":"transfer","receipt":{"declined":true},"category":"assistance"}"#
    }

    static func make(_ root: URL, _ name: String, currency: String, entries: [String]) throws -> Ledger {
        let directory = root.appendingPathComponent(name).path
        let key = root.appendingPathComponent(name + ".key").path
        let origin = "\(name).example.org/charity"
        let initialised = try CLI.run(["init", directory, "--origin", origin, "--org-name", "Charity \(name)", "--uscc", "53100000500021676K",
                                       "--org-type", "foundation", "--public-fundraising", "--currency", currency, "--key", key])
        try #require(initialised.status == 0, "\(initialised.stderr)")
        let file = root.appendingPathComponent(name + ".jsonl")
        try Data((entries.joined(separator: "\n") + "\n").utf8).write(to: file)
        let imported = try CLI.run(["import", directory, file.path, "--key", key])
        try #require(imported.status == 0, "\(imported.stderr)")
        return Ledger(directory: directory, key: key, vkey: initialised.stdout.trimmingCharacters(in: .whitespacesAndNewlines), origin: origin)
    }

    /// A: 100.00 + 50.00 CNY from two donors, 30.00 CNY spent; B: 200.00 CNY in 2024 and again in
    /// 2025 from one donor (a ref A also has, another charity's pseudonym), nothing spent, so
    /// its 2025 spending test fails; C: 10.00 USD.
    static func ledgers(_ root: URL) throws -> [Ledger] {
        let spend = #"{"kind":"disbursement","id":"p1","date":"2025-04-01","fund":"GEN","amount":{"value":3000,"currency":"CNY"},"category":"assistance","expense":"charitable","beneficiary":{"group":"families"}}"#
        return [
            try make(root, "a", currency: "CNY", entries: [fund(), donation("a1", 10000, "CNY", ref: "D-1"), donation("a2", 5000, "CNY", ref: "D-2"), spend]),
            try make(root, "b", currency: "CNY", entries: [fund(), donation("b0", 20000, "CNY", ref: "D-1", date: "2024-03-01"),
                                                           donation("b1", 20000, "CNY", ref: "D-1")]),
            try make(root, "c", currency: "USD", entries: [fund(), donation("c1", 1000, "USD", ref: "D-9")]),
        ]
    }

    static func arguments(_ ledgers: [Ledger]) -> [String] {
        ledgers.flatMap { ["--ledger", $0.directory, "--vkey", $0.vkey] }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func oneTableAcrossLedgersAddedUpByHand() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let ledgers = try Self.ledgers(root)
        let result = try CLI.run(["export", "summary", "--by", "kind"] + Self.arguments(ledgers))
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.json(result.stdout)
        let rows = try #require(summary["rows"] as? [[String: Any]])
        let table = rows.map { "\($0["kind"]!) \($0["currency"]!) \($0["count"]!) \($0["total"]!) \($0["parties"]!)" }
        // 10000 + 5000 + 20000 + 20000 CNY from 2 + 1 parties; USD kept apart; the disbursement alone.
        #expect(table == ["disbursement CNY 1 3000 0", "donation CNY 4 55000 3", "donation USD 1 1000 1"], "\(table)")
        #expect((rows[1]["ledgers"] as? [String]) == [ledgers[0].origin, ledgers[1].origin])
        // Each ledger is named with the checkpoint it is bound to: genesis + the import, size 1 + entries.
        let checkpoints = try #require(summary["checkpoints"] as? [[String: Any]])
        #expect(checkpoints.map { "\($0["origin"]!) \($0["size"]!)" } == ledgers.map(\.origin).enumerated().map { "\($1) \([5, 4, 3][$0])" })
        for (checkpoint, ledger) in zip(checkpoints, ledgers) {
            let alone = try Self.json(try CLI.run(["export", "summary", ledger.directory, "--vkey", ledger.vkey, "--by", "kind"]).stdout)
            #expect(NSDictionary(dictionary: checkpoint).isEqual(to: alone["checkpoint"] as! [String: Any]))
        }

        let byOrg = try Self.json(try CLI.run(["export", "summary", "--by", "org,kind", "--format", "json"] + Self.arguments(ledgers)).stdout)
        let orgRows = (byOrg["rows"] as? [[String: Any]] ?? []).map { "\($0["org"]!) \($0["kind"]!) \($0["currency"]!) \($0["total"]!)" }
        #expect(orgRows == ["a.example.org/charity disbursement CNY 3000", "a.example.org/charity donation CNY 15000",
                            "b.example.org/charity donation CNY 40000", "c.example.org/charity donation USD 1000"], "\(orgRows)")

        let csv = try CLI.run(["export", "summary", "--by", "kind", "--format", "csv"] + Self.arguments(ledgers))
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "kind,currency,count,total,total_decimal,parties,checkpoint_origin,checkpoint_size,checkpoint_root,checkpoint_note")
        #expect(lines[1].hasPrefix("disbursement,CNY,1,3000,30.00,0,a.example.org/charity,5,"), "\(lines[1])")
        #expect(lines[2].hasPrefix("donation,CNY,4,55000,550.00,3,a.example.org/charity; b.example.org/charity,5; 4,"), "\(lines[2])")
    }

    @Test func aListFileGivesTheSameTableAndBadListsAreRefusedByLine() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let ledgers = try Self.ledgers(root)
        let list = "# ledgers supervised\n\n" + ledgers.map { "\($0.vkey)  \(URL(fileURLWithPath: $0.directory).lastPathComponent)" }.joined(separator: "\r\n") + "\n"
        let path = root.appendingPathComponent("list.txt").path
        try Data(list.utf8).write(to: URL(fileURLWithPath: path))
        let fromList = try CLI.run(["export", "summary", "--by", "org,year", "--ledgers", path])
        let fromOptions = try CLI.run(["export", "summary", "--by", "org,year"] + Self.arguments(ledgers))
        #expect(fromList.status == 0 && fromList.stdout == fromOptions.stdout, "\(fromList.stderr)")

        for (text, expected) in [("\(ledgers[0].vkey)\n", "list.txt:1: expected a verifier key, a space and a ledger directory"),
                                 ("# x\nnot-a-key a\n", "list.txt:2: the first word is not a verifier key"),
                                 ("\(ledgers[0].vkey) a\tb\n", "list.txt:1: a control character"),
                                 ("# only a comment\n", "list.txt: lists no ledger")] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let refused = try CLI.run(["export", "summary", "--by", "kind", "--ledgers", path])
            #expect(refused.status == 2 && refused.stderr.contains(expected) && refused.stdout.isEmpty, "\(refused.stderr)")
            #expect(!refused.stderr.contains("not-a-key"))
        }
        let mixed = try CLI.run(["export", "summary", "--by", "kind", "--ledgers", path, "--ledger", ledgers[0].directory])
        #expect(mixed.status == 2 && mixed.stderr.contains("--ledgers FILE gives every ledger and key"))
        let unpaired = try CLI.run(["export", "summary", "--by", "kind", "--ledger", ledgers[0].directory, "--ledger", ledgers[1].directory,
                                    "--vkey", ledgers[0].vkey])
        #expect(unpaired.status == 2 && unpaired.stderr.contains("2 --ledger and 1 --vkey"))
    }

    @Test func aTamperedLedgerOrOneGivenTwiceIsRefusedNamingWhich() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let ledgers = try Self.ledgers(root)
        let twice = try CLI.run(["export", "summary", "--by", "kind"] + Self.arguments([ledgers[0], ledgers[1], ledgers[0]]))
        #expect(twice.status == 2 && twice.stdout.isEmpty
                && twice.stderr.contains("ledgers 1 (\(ledgers[0].directory)) and 3 (\(ledgers[0].directory)) have the same origin"), "\(twice.stderr)")
        let segment = ledgers[1].directory + "/entries/00000000000000000000.jsonl"
        var text = try String(contentsOfFile: segment, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"value\":20000}", with: "\"value\":90000}")
        try text.write(toFile: segment, atomically: false, encoding: .utf8)
        for command in ["summary", "ratios"] {
            let tampered = try CLI.run(["export", command] + (command == "summary" ? ["--by", "kind"] : []) + Self.arguments(ledgers))
            #expect(tampered.status == 1 && tampered.stdout.isEmpty && tampered.stderr.contains("ledger 2 of 3 (\(ledgers[1].directory)): "),
                    "\(command): \(tampered.stderr)")
        }
    }

    @Test func ratiosOfEachLedgerAndTheBreachesAcrossThem() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let ledgers = try Self.ledgers(root)
        let result = try CLI.run(["export", "ratios"] + Self.arguments(ledgers))
        #expect(result.status == 0, "\(result.stderr)")
        let all = try Self.json(result.stdout)
        let each = try #require(all["ledgers"] as? [[String: Any]])
        #expect(each.count == 3)
        var expected: [String] = []
        for (document, ledger) in zip(each, ledgers) {
            let alone = try Self.json(try CLI.run(["export", "ratios", ledger.directory, "--vkey", ledger.vkey]).stdout)
            #expect(NSDictionary(dictionary: document).isEqual(to: alone), "\(ledger.origin)")
            for year in alone["years"] as? [[String: Any]] ?? [] {
                for test in ["spending", "admin"] where year[test] as? String == "fail" { expected.append("\(ledger.origin) \(year["year"]!) \(test)") }
            }
        }
        let breaches = (all["breaches"] as? [[String: Any]] ?? []).map { "\($0["org"]!) \($0["year"]!) \($0["test"]!)" }
        #expect(breaches == expected)
        #expect(expected.contains("b.example.org/charity 2025 spending"), "\(expected)")
        let csv = try CLI.run(["export", "ratios", "--format", "csv"] + Self.arguments(ledgers))
        #expect(csv.stdout.hasPrefix("org,year,currency,"))
        #expect(csv.stdout.contains("\r\nb.example.org/charity,2025,CNY,"), "\(csv.stdout)")
    }
}
