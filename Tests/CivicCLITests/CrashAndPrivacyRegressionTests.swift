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

    static func donation(id: String, ref: String = "D-1", memo: String? = nil) -> String {
        let memoField = memo.map { ",\"memo\":\"\($0)\"" } ?? ""
        return """
        {"kind":"donation","id":"\(id)","date":"2025-01-03","fund":"GEN","amount":{"value":100,"currency":"CNY"},\
        "donor":{"ref":"\(ref)","type":"individual"},"form":"online","receipt":{"series":"R","number":1},"category":"other"\(memoField)}
        """
    }

    /// Refusals of personal data never echo it: not in a memo, an id or a donor ref.
    @Test func personalDataIsRefusedWithoutBeingEchoed() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let fund = """
        {"kind":"fund","id":"f1","date":"2025-01-02","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}
        """
        #expect(try workspace.importFile(try workspace.write(fund + "\n", to: "fund.jsonl")).status == 0)
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
}
