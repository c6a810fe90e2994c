import Foundation
import Testing

@Suite struct SummaryExportCLITests {
    /// Amount values per kind, net of the reversals, summed from the JSON lines written.
    static func expectedTotals(_ lines: [[String: Any]]) -> [String: (count: Int, total: Int)] {
        var totals: [String: (count: Int, total: Int)] = [:]
        // The workspace holds only its genesis (seq 0) before the import: line i is seq i + 1.
        var bySeq: [Int: [String: Any]] = [:]
        for (index, line) in lines.enumerated() { bySeq[index + 1] = line }
        for line in lines {
            let kind = line["kind"] as! String
            if kind == "reversal" {
                let target = bySeq[line["target"] as! Int]!
                let amount = (target["amount"] as! [String: Any])["value"] as! Int
                let targetKind = target["kind"] as! String
                totals[targetKind, default: (0, 0)].count -= 1
                totals[targetKind, default: (0, 0)].total -= amount
            } else if let amount = line["amount"] as? [String: Any] {
                totals[kind, default: (0, 0)].count += 1
                totals[kind, default: (0, 0)].total += amount["value"] as! Int
            }
        }
        return totals
    }

    @Test func totalsPerKindEqualWhatWasWrittenAndExportsAreDeterministic() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let generated = try workspace.generated(400, prefix: "sx", name: "entries.jsonl")
        var lines = try String(contentsOfFile: generated, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        try #require(workspace.importFile(generated).status == 0)
        // Reverse the first three disbursements (which only give money back to their funds).
        let targets = lines.indices.filter { lines[$0]["kind"] as? String == "disbursement" }.prefix(3).map { $0 + 1 }
        try #require(targets.count == 3)
        let reversals = targets.enumerated().map { index, seq in
            #"{"kind":"reversal","id":"rev-\#(index)","date":"2025-12-30","target":\#(seq),"reason":"paid twice"}"#
        }
        let reversalFile = try workspace.write(reversals.joined(separator: "\n") + "\n", to: "reversals.jsonl")
        let imported = try workspace.importFile(reversalFile)
        try #require(imported.status == 0, "\(imported.stderr)")
        lines += try reversals.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }

        let first = try CLI.run(["export", "summary", workspace.ledger, "--vkey", workspace.vkey, "--by", "kind"])
        let second = try CLI.run(["export", "summary", workspace.ledger, "--vkey", workspace.vkey, "--by", "kind"])
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let document = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any]
        let checkpoint = document["checkpoint"] as! [String: Any]
        #expect(checkpoint["size"] as? Int == lines.count + 1)
        #expect((checkpoint["note"] as! String).hasPrefix(CLIWorkspace.origin + "\n\(lines.count + 1)\n"))
        var exported: [String: (count: Int, total: Int)] = [:]
        for row in document["rows"] as! [[String: Any]] {
            #expect(row["currency"] as? String == "CNY")
            exported[row["kind"] as! String] = (row["count"] as! Int, row["total"] as! Int)
        }
        let expected = Self.expectedTotals(lines)
        #expect(exported.keys.sorted() == expected.keys.sorted())
        for (kind, figures) in expected {
            #expect(exported[kind]?.count == figures.count && exported[kind]?.total == figures.total, "\(kind)")
        }

        // --out writes the same bytes; CSV is deterministic too.
        let out = workspace.file("summary.json")
        #expect(try CLI.run(["export", "summary", workspace.ledger, "--vkey", workspace.vkey, "--by", "kind", "--out", out]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == first.stdout)
        let csvArguments = ["export", "summary", workspace.ledger, "--vkey", workspace.vkey, "--by", "year,kind", "--format", "csv"]
        let csv = try CLI.run(csvArguments)
        let again = try CLI.run(csvArguments)
        #expect(csv.status == 0 && csv.stdout == again.stdout)
        #expect(csv.stdout.hasPrefix("year,kind,currency,count,total,total_decimal,parties,checkpoint_origin,"))
        #expect(csv.stdout.contains(",\"\(CLIWorkspace.origin)\n\(lines.count + 1)\n"))
    }

    @Test func noPartyReferenceLeavesInAnyExport() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let generated = try workspace.generated(300, prefix: "px", name: "entries.jsonl")
        try #require(workspace.importFile(generated).status == 0)
        let input = try String(contentsOfFile: generated, encoding: .utf8)
        try #require(input.contains("\"D-") && input.contains("\"C-"))
        let all = "kind,category,tier,mechanism,scheme,fund,restriction,expense,region,area,month,quarter,year,currency"
        for format in ["json", "csv"] {
            for command in [["summary", "--by", all], ["summary", "--by", "kind", "--year", "2025"], ["ratios"]] {
                let result = try CLI.run(["export", command[0], workspace.ledger, "--vkey", workspace.vkey, "--format", format]
                    + command.dropFirst())
                #expect(result.status == 0, "\(command) \(format): \(result.stderr)")
                #expect(!result.stdout.isEmpty && !result.stdout.contains("D-") && !result.stdout.contains("C-"))
            }
        }
    }

    @Test func badOptionsExitTwoAndAWrongKeyExitsOne() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let base = ["export", "summary", workspace.ledger, "--vkey", workspace.vkey]
        let badDimension = try CLI.run(base + ["--by", "kind,donor"])
        #expect(badDimension.status == 2 && badDimension.stderr.contains("donor"))
        #expect(try CLI.run(base + ["--by", "kind", "--year", "2025", "--from", "2025-01-01"]).status == 2)
        #expect(try CLI.run(base + ["--by", "kind", "--from", "2025-13-01"]).status == 2)
        #expect(try CLI.run(base + ["--by", "kind", "--format", "xml"]).status == 2)
        #expect(try CLI.run(["export", "ratios", workspace.ledger, "--vkey", workspace.vkey, "--rules", "no-such-set"]).status == 2)

        let other = try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", workspace.file("other.key")])
        let stranger = other.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for command in [["summary", "--by", "kind"], ["ratios"]] {
            let result = try CLI.run(["export", command[0], workspace.ledger, "--vkey", stranger] + command.dropFirst())
            #expect(result.status == 1 && result.stdout.isEmpty, "\(command): \(result.stderr)")
        }
    }

    @Test func ratiosOfTheTwoSampleYears() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        for year in ["2024", "2025"] {
            let sample = CLI.packageRoot.appendingPathComponent("Ledger/samples/foundation-\(year).csv").path
            let result = try workspace.importFile(sample)
            try #require(result.status == 0, "\(result.stderr)")
        }
        let result = try CLI.run(["export", "ratios", workspace.ledger, "--vkey", workspace.vkey, "--year", "2025"])
        try #require(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let years = document["years"] as! [[String: Any]]
        #expect(years.count == 1 && years[0]["year"] as? Int == 2025 && document["rule_set"] as? String == "cn-charity")
        #expect(years[0]["spending"] as? String == "pass" && years[0]["admin"] as? String == "pass")
        // Income 2025 equals the summary's donations plus charity contributions of 2025.
        let summary = try CLI.run(["export", "summary", workspace.ledger, "--vkey", workspace.vkey, "--year", "2025",
                                   "--by", "kind,mechanism"])
        let rows = (try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as! [String: Any])["rows"] as! [[String: Any]]
        let income = rows.filter { $0["kind"] as? String == "donation" || $0["mechanism"] as? String == "charity" }
            .reduce(0) { $0 + ($1["total"] as! Int) }
        #expect(years[0]["income"] as? Int == income)
    }
}
