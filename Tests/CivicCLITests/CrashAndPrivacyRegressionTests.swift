import Foundation
import Testing

/// Regressions found by Scripts/crash-test and Scripts/secrets-test.
@Suite(.serialized) struct CrashAndPrivacyRegressionTests {
    /// A ledger that lost its index or tree is damaged (exit 1), not "not a ledger" (exit 2).
    @Test func aMissingIndexOrTreeIsCorruption() throws {
        for name in ["index", "tree"] {
            let workspace = try CLIWorkspace()
            defer { workspace.remove() }
            #expect(try workspace.importFile(try workspace.generated(10, prefix: "a", name: "a.jsonl")).status == 0)
            try FileManager.default.removeItem(atPath: workspace.ledger + "/" + name)
            let verified = try workspace.verify()
            #expect(verified.status == 1, "\(name): \(verified.stderr)")
            #expect(verified.stderr.contains("the \(name) file is missing"))
            let written = try workspace.importFile(try workspace.generated(5, prefix: "a", name: "b.jsonl", skip: 10))
            #expect(written.status == 1, "\(name): \(written.stderr)")
            #expect(!FileManager.default.fileExists(atPath: workspace.ledger + "/" + name))
        }
        // A folder that never was a ledger is still an input error.
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let empty = workspace.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try CLI.run(["verify", empty, "--vkey", workspace.vkey]).status == 2)
    }

    static let phone = "13912345678"

    /// A ledger with the fund GEN open.
    static func ledgerWithFund() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        let fund = """
        {"kind":"fund","id":"f1","date":"2025-01-02","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}
        """
        #expect(try workspace.importFile(try workspace.write(fund + "\n", to: "fund.jsonl")).status == 0)
        return workspace
    }

    static func donation(id: String, ref: String = "D-1", memo: String? = nil) -> String {
        let memoField = memo.map { ",\"memo\":\"\($0)\"" } ?? ""
        return """
        {"kind":"donation","id":"\(id)","date":"2025-01-03","fund":"GEN","amount":{"value":100,"currency":"CNY"},\
        "donor":{"ref":"\(ref)","type":"individual"},"form":"online","receipt":{"series":"R","number":1},"category":"other"\(memoField)}
        """
    }

    /// Refusals of personal data never echo it: not in a memo, an id or a donor ref.
    @Test func personalDataIsRefusedWithoutBeingEchoed() throws {
        let workspace = try Self.ledgerWithFund()
        defer { workspace.remove() }
        let before = try workspace.snapshot()
        let lines = [
            Self.donation(id: "d1", memo: "call me on \(Self.phone)"),
            Self.donation(id: "d-\(Self.phone)"),
            Self.donation(id: "d1", ref: "D-\(Self.phone)"),
            Self.donation(id: "d-110101199003074514"),
            Self.donation(id: "d-\(Self.phone)") + "\n" + Self.donation(id: "d-\(Self.phone)"),
        ]
        for (number, line) in lines.enumerated() {
            let result = try workspace.importFile(try workspace.write(line + "\n", to: "pii\(number).jsonl"))
            #expect(result.status == 2, "\(line): \(result.stderr)")
            #expect(!result.stderr.contains(Self.phone) && !result.stderr.contains("110101199003074514"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let added = try CLI.run(["add", "donation", workspace.ledger, "--key", workspace.key, "--fund", "GEN",
                                 "--amount", "5", "--category", "other", "--donor-ref", "D-1", "--id", "x\(Self.phone)"])
        #expect(added.status == 2 && !added.stderr.contains(Self.phone), "\(added.stderr)")
        let donor = try CLI.run(["donor", "add", workspace.ledger, "--ref", "D-\(Self.phone)", "--name", "Li Hua"])
        #expect(donor.status == 2 && !donor.stderr.contains(Self.phone), "\(donor.stderr)")
        #expect(try workspace.snapshot() == before)
    }

    /// A rejected value is never echoed, whatever the field and whichever way it came in:
    /// the message names the field and the reason (here: not one of the allowed forms).
    @Test func rejectedValuesAreNamedNotEchoed() throws {
        let workspace = try Self.ledgerWithFund()
        defer { workspace.remove() }
        let secret = "Zhang San \(Self.phone)"
        let good = Self.donation(id: "d1")
        let lines = [
            good.replacingOccurrences(of: "\"form\":\"online\"", with: "\"form\":\"\(secret)\""),
            good.replacingOccurrences(of: "\"date\":\"2025-01-03\"", with: "\"date\":\"\(secret)\""),
            good.replacingOccurrences(of: "\"currency\":\"CNY\"", with: "\"currency\":\"\(secret)\""),
            good.replacingOccurrences(of: "\"value\":100", with: "\"value\":-\(Self.phone)"),
            good.replacingOccurrences(of: "\"category\"", with: "\"\(secret)\":1,\"category\""),
        ]
        for (number, line) in lines.enumerated() {
            let result = try workspace.importFile(try workspace.write(line + "\n", to: "echo\(number).jsonl"))
            #expect(result.status == 2 && !result.stderr.contains(Self.phone), "\(line): \(result.stderr)")
        }
        let form = try workspace.importFile(try workspace.write(lines[0] + "\n", to: "form.jsonl"))
        #expect(form.stderr.contains("donation.form: is not one of"), "\(form.stderr)")
        let csv = "kind,id,date,fund,amount,currency,donor.ref,donor.type,form,receipt.series,receipt.number,category\n"
            + "donation,d1,2025-01-03,GEN,1.00,CNY,D-1,individual,\(secret),R,1,other\n"
            + "donation,d2,\(secret),GEN,\(Self.phone)x,\(secret),D-1,individual,online,R,2,other\n"
        let imported = try CLI.run(["import", workspace.ledger, try workspace.write(csv, to: "echo.csv"), "--key", workspace.key])
        #expect(imported.status == 2 && !imported.stderr.contains(Self.phone), "\(imported.stderr)")
        #expect(imported.stderr.contains("form"), "\(imported.stderr)")
        for extra in [["--form", secret], ["--date", secret], ["--currency", secret], ["--amount", Self.phone + ".001"]] {
            let added = try CLI.run(["add", "donation", workspace.ledger, "--key", workspace.key, "--fund", "GEN",
                                     "--amount", "5", "--category", "other", "--donor-ref", "D-1"] + extra)
            #expect(added.status == 2 && !added.stderr.contains(Self.phone), "\(extra): \(added.stderr)")
        }
    }

    /// `init` refuses an origin outside the safe set before it makes a key for it.
    @Test func initRefusesAnUnsafeOriginAndLeavesNoKey() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let key = root.appendingPathComponent("k.key").path
        let result = try CLI.run(["init", root.appendingPathComponent("l").path, "--origin", "e.x/a';touch${IFS}x;'",
                                  "--org-name", "X", "--uscc", "53100000500021676K", "--org-type", "foundation", "--key", key])
        #expect(result.status == 2 && result.stderr.contains("--origin"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: key))
    }
}
