import Foundation
import Testing

/// `civic audit` as an auditor runs it: a readable report, a stable JSON report, and
/// exit codes that follow --fail-on.
@Suite(.serialized) struct AuditCLITests {
    /// A misspelt rule id in --rules is refused (exit 2, naming it), not silently dropped.
    @Test func aRuleSetWithATypoIsRefused() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let rules = #"{"name": "mine", "rules": [{"id": "STD-AMONT", "severity": "error", "source": "s"}]}"#
        let file = try workspace.write(rules, to: "mine.json")
        let audit = try CLI.run(["audit", workspace.ledger, "--vkey", workspace.vkey, "--rules", file])
        #expect(audit.status == 2 && audit.stderr.contains("rules[0]: unknown rule id \"STD-AMONT\""), "\(audit.stderr)")
        let imported = try CLI.run(["import", workspace.ledger, try workspace.generated(1, prefix: "a", name: "a.jsonl"),
                                    "--key", workspace.key, "--rules", file])
        #expect(imported.status == 2 && imported.stdout.isEmpty, "\(imported.stderr)")
    }

    @Test func aCleanLedgerPassesAndTheJSONIsStable() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(300, prefix: "a", name: "a.jsonl")).status == 0)
        let text = try CLI.run(["audit", workspace.ledger, "--vkey", workspace.vkey])
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.hasPrefix("Audit of \(CLIWorkspace.origin) at tree size 301"))
        #expect(text.stdout.contains("Result: 0 errors"))
        let first = try CLI.run(["audit", workspace.ledger, "--vkey", workspace.vkey, "--format", "json"])
        let second = try CLI.run(["audit", workspace.ledger, "--vkey", workspace.vkey, "--format", "json"])
        #expect(first.status == 0 && first.stdout == second.stdout)
        let report = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        let checkpoint = report?["checkpoint"] as? [String: Any]
        #expect(checkpoint?["size"] as? Int == 301 && checkpoint?["origin"] as? String == CLIWorkspace.origin)
        let rules = (report?["rules"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        for id in ["INT-CHAIN", "INT-SIG", "STD-FUND-BAL", "STD-RESTRICT", "MKT-IPENSION", "STD-PII", "STD-IDEMP"] {
            #expect(rules.contains(id), "\(id) did not run")
        }
        #expect((report?["summary"] as? [String: Any])?["errors"] as? Int == 0)
    }

    @Test func integrityFailuresAreFindingsUnderTheirRule() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(30, prefix: "a", name: "a.jsonl")).status == 0)
        let segment = workspace.ledger + "/entries/00000000000000000000.jsonl"
        var text = try String(contentsOfFile: segment, encoding: .utf8)
        let target = try #require(text.range(of: "\"value\":20000}"))
        text.replaceSubrange(target, with: "\"value\":90000}")
        try text.write(toFile: segment, atomically: false, encoding: .utf8)
        let result = try CLI.run(["audit", workspace.ledger, "--vkey", workspace.vkey, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"rule\":\"INT-CHAIN\"") || result.stdout.contains("\"rule\":\"INT-TREE\""), "\(result.stdout)")
        let other = try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", workspace.file("o.key")])
        let wrongKey = try CLI.run(["audit", workspace.ledger, "--vkey", other.stdout.trimmingCharacters(in: .newlines)])
        #expect(wrongKey.status == 1 && wrongKey.stdout.contains("INT-SIG"))
        #expect(try CLI.run(["audit", workspace.file("nothing"), "--vkey", workspace.vkey]).status == 2)
    }
}
