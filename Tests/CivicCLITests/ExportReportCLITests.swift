import Foundation
import Testing

/// `civic export 360giving` and `civic export report` as a person runs them, with the
/// documented exit codes: 0 ok, 1 the ledger does not verify under the key, 2 bad input.
@Suite(.serialized) struct ReportCLITests {
    static var validator: String {
        CLI.packageRoot.appendingPathComponent("Scripts/validate-360giving").path
    }

    @Test func givingAndReportExportsAndTheirExitCodes() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(200, prefix: "a", name: "a.jsonl")).status == 0)
        let giving = workspace.file("grants.json")
        let export = try CLI.run(["export", "360giving", workspace.ledger, "--vkey", workspace.vkey, "--year", "2025", "--out", giving])
        #expect(export.status == 0, "\(export.stderr)")
        try #require(FileManager.default.fileExists(atPath: Self.validator), "the 360Giving validator is missing")
        let valid = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.validator, giving])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let text = try String(contentsOfFile: giving, encoding: .utf8)
        #expect(text.contains("\"id\": \"360G-CN-USCI-53100000500021676K-") && !text.contains("\"ref\""))
        let toStdout = try CLI.run(["export", "360giving", workspace.ledger, "--vkey", workspace.vkey, "--year", "2025"])
        #expect(toStdout.status == 0 && toStdout.stdout == text)

        let report = workspace.file("report.html")
        let first = try CLI.run(["export", "report", workspace.ledger, "--vkey", workspace.vkey, "--year", "2025", "--out", report])
        #expect(first.status == 0, "\(first.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: report))
        let second = try CLI.run(["export", "report", workspace.ledger, "--vkey", workspace.vkey, "--year", "2025",
                                  "--rules", "cn-charity", "--out", report, "--force"])
        let rewritten = try Data(contentsOf: URL(fileURLWithPath: report))
        #expect(second.status == 0 && rewritten == bytes)
        #expect(String(decoding: bytes, as: UTF8.self).contains(CLIWorkspace.origin))

        let other = try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", workspace.file("o.key")])
        let wrongKey = other.stdout.trimmingCharacters(in: .newlines)
        for command in ["360giving", "report"] {
            #expect(try CLI.run(["export", command, workspace.ledger, "--vkey", wrongKey, "--year", "2025"]).status == 1)
            for year in ["2019", "abc", "123456"] {
                let bad = try CLI.run(["export", command, workspace.ledger, "--vkey", workspace.vkey, "--year", year])
                #expect(bad.status == 2, "\(command) --year \(year): \(bad.stderr)")
            }
            #expect(try CLI.run(["export", command, workspace.ledger, "--vkey", workspace.vkey]).status == 2)
            #expect(try CLI.run(["export", command, workspace.file("nothing"), "--vkey", workspace.vkey, "--year", "2025"]).status == 2)
        }
        #expect(try CLI.run(["export", "report", workspace.ledger, "--vkey", workspace.vkey, "--year", "2025",
                             "--rules", workspace.file("missing.json")]).status == 2)
    }
}
