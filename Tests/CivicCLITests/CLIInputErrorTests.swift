import Foundation
import Testing

/// Every bad input: one clear line on stderr naming where and what, exit 2, nothing written.
@Suite(.serialized) struct CLIInputErrorTests {
    static let goodLine = """
    {"kind":"fund","id":"f1","date":"2025-01-02","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}
    """

    static func donation(id: String, amount: String, currency: String = "CNY", memo: String? = nil) -> String {
        let memoField = memo.map { ",\"memo\":\"\($0)\"" } ?? ""
        return """
        {"kind":"donation","id":"\(id)","date":"2025-01-03","fund":"GEN","amount":{"value":\(amount),"currency":"\(currency)"},\
        "donor":{"ref":"D-1","type":"individual"},"form":"online","receipt":{"series":"R","number":1},"category":"other"\(memoField)}
        """
    }

    func expectRefused(_ workspace: CLIWorkspace, _ arguments: [String], mentioning fragment: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try workspace.snapshot()
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try workspace.snapshot() == before, "files changed", sourceLocation: sourceLocation)
    }

    @Test func badLinesAreNamedAndNothingIsWritten() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let cases: [(String, String)] = [
            (Self.donation(id: "d1", amount: "12.5"), "bad.jsonl:2:"),
            (Self.donation(id: "d1", amount: "100", currency: "XYZ"), "bad.jsonl:2: donation.amount.currency: the currency is not a known"),
            (Self.donation(id: "d1", amount: "-100"), "bad.jsonl:2:"),
            (Self.donation(id: "d1", amount: "100", memo: String(repeating: "m", count: 501)), "memo"),
            (Self.donation(id: "f1", amount: "100"), "repeats the id of line 1"),
            ("{\"kind\":\"donation\",", "bad.jsonl:2:"),
            ("{\"kind\":\"teleport\",\"id\":\"x\",\"date\":\"2025-01-01\"}", "bad.jsonl:2: kind: is not one of"),
        ]
        for (line, fragment) in cases {
            let file = try workspace.write(Self.goodLine + "\n" + line + "\n", to: "bad.jsonl")
            try expectRefused(workspace, ["import", workspace.ledger, file, "--key", workspace.key], mentioning: fragment)
        }
    }

    @Test func badKeysAndDirectoriesAreRefused() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let file = try workspace.write(Self.goodLine + "\n", to: "good.jsonl")
        try expectRefused(workspace, ["import", workspace.ledger, file, "--key", workspace.file("missing.key")], mentioning: "missing.key")
        chmod(workspace.key, 0o644)
        try expectRefused(workspace, ["import", workspace.ledger, file, "--key", workspace.key], mentioning: "chmod 600")
        chmod(workspace.key, 0o600)
        let other = workspace.file("other-origin.key")
        #expect(try CLI.run(["key", "generate", "--name", "other.example/ledger", "--out", other]).status == 0)
        try expectRefused(workspace, ["import", workspace.ledger, file, "--key", other], mentioning: "did not sign")
        let notLedger = workspace.file("empty-dir")
        try FileManager.default.createDirectory(atPath: notLedger, withIntermediateDirectories: false)
        try expectRefused(workspace, ["import", notLedger, file, "--key", workspace.key], mentioning: "is not a ledger")
        try expectRefused(workspace, ["verify", notLedger, "--vkey", workspace.vkey], mentioning: "is not a ledger")
        // Key files are never overwritten.
        try expectRefused(workspace, ["key", "generate", "--name", "x", "--out", workspace.key], mentioning: "already exists")
        #expect(try CLI.run(["import", workspace.ledger, file, "--key", workspace.key]).status == 0)
    }

    @Test func aSecondWriterFailsClearly() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let file = try workspace.write(Self.goodLine + "\n", to: "good.jsonl")
        let lock = open(workspace.ledger + "/LOCK", O_RDWR)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        try expectRefused(workspace, ["import", workspace.ledger, file, "--key", workspace.key], mentioning: "another civic process")
        close(lock)
        #expect(try CLI.run(["import", workspace.ledger, file, "--key", workspace.key]).status == 0)
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try CLI.run(["verify"])
        #expect(result.status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
        #expect(try CLI.run(["--help"]).status == 0)
    }
}
