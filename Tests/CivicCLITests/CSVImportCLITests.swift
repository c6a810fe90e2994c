import Foundation
import Testing

/// `civic import` of CSV files: format chosen by extension, all or nothing, every bad row listed.
@Suite(.serialized) struct CSVImportCLITests {
    static let header = "kind,id,date,fund.code,fund.name,fund.restriction,fund,amount,currency,donor.ref,donor.type,"
        + "donor.anonymous,form,receipt.series,receipt.number,receipt.declined,category,memo"

    @Test func importsBOMAndCRLF() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let text = "\u{FEFF}" + Self.header + "\r\n"
            + "fund,f1,2025-01-02,GEN,General,unrestricted,,,,,,,,,,,,\r\n"
            + "donation,d1,2025-01-03,,,,GEN,500.00,CNY,P-1,individual,,online,R2025,1,,assistance,\"Gift, \"\"warm\"\"\r\nwinter\"\r\n"
            + "donation,d2,2025-01-04,,,,GEN,12.5,CNY,,,true,cash,,,true,other,\r\n"
        let file = try workspace.write(text, to: "book.csv")
        let result = try workspace.importFile(file)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("imported 3 entries, seq 1-3\n"))
        let shown = try CLI.run(["show", workspace.ledger, "2"])
        #expect(shown.stdout.contains(#""amount":{"currency":"CNY","value":50000}"#))
        #expect(shown.stdout.contains(#""memo":"Gift, \"warm\"\r\nwinter""#))
        #expect(try CLI.run(["show", workspace.ledger, "d2"]).stdout.contains(#""value":1250"#))
        #expect(try workspace.verify().status == 0)
    }

    @Test func badRowsAreListedAndNothingIsWritten() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let text = Self.header + "\n"
            + "fund,f1,2025-01-02,GEN,General,unrestricted,,,,,,,,,,,,\n"
            + "donation,d1,2025-01-03,,,,GEN,500.001,CNY,P-1,individual,,online,R2025,1,,assistance,\n"
            + "donation,d2,2025-01-03,,,,GEN,5,CNY,P-1,individual,,online,R2025,2,,assistance,\n"
            + "genesis,g,2025-01-03,,,,,,,,,,,,,,,\n"
            + "donation,d3,2025-01-03,,,,GEN,5,CNY,P-1,individual,,online,R2025,,,assistance,\n"
            + "donation,d4,2025-01-03,,,,GEN,5,CNY,P-1,individual,,online,R2025,3,,assistance\n"
            + "donation,d5,2025-01-03,,,,GEN,5,CNY,P-1,individual,,online,R2025,4,,assist\"ance,\n"
        let file = try workspace.write(text, to: "bad.csv")
        let before = try workspace.snapshot()
        let result = try workspace.importFile(file)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(file):3: amount: the amount has more than 2 decimal places for CNY",
            "\(file):5: kind: genesis entries are not imported (civic init writes the genesis)",
            "\(file):6: receipt.number: required field is missing",
            "\(file):7: 17 fields, but the header has 18",
            "\(file):8: category: quote inside an unquoted field (quote the whole field and double the quote)",
            "civic: \(file): 5 bad rows; nothing was written",
        ])
        #expect(try workspace.snapshot() == before, "files changed")
    }

    @Test func atMostTwentyBadRowsAreListed() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let rows = (1...25).map { "reversal,r\($0),2025-01-0x,1,why\n" }.joined()
        let file = try workspace.write("kind,id,date,target,reason\n" + rows, to: "many.csv")
        let before = try workspace.snapshot()
        let result = try workspace.importFile(file)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines.first == "\(file):2: date: is not a date YYYY-MM-DD")
        #expect(lines.last == "civic: \(file): 25 bad rows (the first 20 listed); nothing was written")
        #expect(try workspace.snapshot() == before)
    }

    @Test func dryRunAndFormatOption() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let text = "kind,id,date,fund.code,fund.name,fund.restriction\nfund,f1,2025-01-02,GEN,General,unrestricted\n"
        let file = try workspace.write(text, to: "funds.txt")
        let before = try workspace.snapshot()
        // Without --format, a file not named .csv is JSON Lines.
        #expect(try workspace.importFile(file).status == 2)
        let dryRun = try CLI.run(["import", workspace.ledger, file, "--key", workspace.key, "--format", "csv", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout == "dry run: 1 entries would be imported, 0 are already recorded; nothing was written\n")
        #expect(try workspace.snapshot() == before, "a dry run wrote")
        let other = workspace.file("other.key")
        #expect(try CLI.run(["key", "generate", "--name", "other.example/x", "--out", other]).status == 0)
        let wrongKey = try CLI.run(["import", workspace.ledger, file, "--key", other, "--format", "csv", "--dry-run"])
        #expect(wrongKey.status == 2 && wrongKey.stderr.contains("did not sign"))
        #expect(try CLI.run(["import", workspace.ledger, file, "--key", workspace.key, "--format", "xml"]).status == 2)
        let imported = try CLI.run(["import", workspace.ledger, file, "--key", workspace.key, "--format", "csv"])
        #expect(imported.status == 0 && imported.stdout.hasPrefix("imported 1 entry, seq 1\n"))
    }

    @Test func generatedSamplesImportInOrder() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let samples = CLI.packageRoot.appendingPathComponent("Ledger/samples")
        let first = try workspace.importFile(samples.appendingPathComponent("foundation-2024.csv").path)
        #expect(first.status == 0, "\(first.stderr)")
        // 2024's first row is seq 1; 2025's first row follows 2024's last (the reversals' targets rely on it).
        let count = try #require(Int(first.stdout.split(separator: " ")[1]))
        #expect(first.stdout.hasPrefix("imported \(count) entries, seq 1-\(count)\n"))
        let second = try workspace.importFile(samples.appendingPathComponent("foundation-2025.csv").path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains(" entries, seq \(count + 1)-"))
        #expect(try workspace.verify().status == 0)
        // The realistic samples satisfy every rule: the audit finds no error.
        let audit = try CLI.run(["audit", workspace.ledger, "--vkey", workspace.vkey, "--format", "json"])
        #expect(audit.status == 0 && audit.stdout.contains("\"errors\":0"), "\(audit.stdout.prefix(2000))")
    }
}
