import Foundation
import Testing

/// A ledger whose key was rotated reads the same from PostgreSQL as from its directory:
/// verify, audit, exports, proofs and receipts follow the key entry from the pinned first
/// key. Needs the throwaway cluster `Scripts/test` starts (CIVIC_TEST_POSTGRES_URL).
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresRotationCLITests {
    static let commands: [[String]] = [
        ["audit", "--format", "json"],
        ["export", "summary", "--by", "kind"],
        ["show", "p00000310"],
        ["prove", "p00000006"],
        ["trace", "p00000006"],
    ]

    @Test func aRotatedLedgerReadsTheSameFromEitherEngine() throws {
        let base = try PostgresTestDatabase.baseURL()
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        try #require(try workspace.importFile(try workspace.generated(300, prefix: "p", name: "a.jsonl")).status == 0)
        let newKey = workspace.file("new.key")
        try #require(try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", newKey]).status == 0)
        try #require(try CLI.run(["key", "rotate", workspace.ledger, "--key", workspace.key, "--new-key", newKey]).status == 0)
        let more = try CLI.run(["import", workspace.ledger, try workspace.generated(20, prefix: "p", name: "b.jsonl", skip: 300), "--key", newKey])
        try #require(more.status == 0, "import after rotation: \(more.stderr)")
        let url = "\(base)?ledger=rotated-\(UUID().uuidString.prefix(8).lowercased())"
        try #require(try CLI.run(["copy", workspace.ledger, url]).status == 0)
        let verified = try CLI.run(["verify", url, "--vkey", workspace.vkey])
        #expect(verified.status == 0, "verify of the rotated copy: \(verified.stderr)")
        #expect(try CLI.run(["key", "rotate", url, "--key", newKey, "--new-key", workspace.key]).status == 2)
        for command in Self.commands {
            let words = command[0] == "export" ? 2 : 1
            let fromDirectory = try CLI.run(Array(command[..<words]) + [workspace.ledger] + command[words...] + ["--vkey", workspace.vkey])
            let fromDatabase = try CLI.run(Array(command[..<words]) + [url] + command[words...] + ["--vkey", workspace.vkey])
            // The audit's exit code follows its findings; every other command succeeds.
            #expect((command[0] == "audit" || fromDirectory.status == 0) && fromDirectory.status == fromDatabase.status,
                    "\(command): \(fromDirectory.stderr) \(fromDatabase.stderr)")
            #expect(!fromDirectory.stdout.isEmpty && fromDirectory.stdout == fromDatabase.stdout, "\(command) differs between the engines")
        }
        let receipt = workspace.file("r.receipt")
        #expect(try CLI.run(["receipt", url, "p00000006", "--out", receipt]).status == 0)
        let checked = try CLI.run(["verify-receipt", receipt, "--vkey", workspace.vkey])
        #expect(checked.status == 0, "verify-receipt of a rotated ledger's receipt: \(checked.stderr)")
    }
}
