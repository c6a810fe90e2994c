import Foundation
import Testing

/// The read commands (exports, trace, audit) give the same bytes on a directory ledger and
/// on its `civic copy` in PostgreSQL, and fail (exit 1, as verify does) when an entry row is changed. Needs the
/// throwaway cluster `Scripts/test` starts (CIVIC_TEST_POSTGRES_URL).
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresReadCLITests {
    static let commands: [[String]] = [
        ["export", "summary", "--by", "kind,fund"],
        ["export", "summary", "--by", "kind", "--format", "csv"],
        ["export", "ratios"],
        ["trace", "p00000006"],
        ["trace", "p00000006", "--format", "json"],
        ["export", "report", "--year", "2025"],
        ["export", "360giving", "--year", "2025"],
    ]

    /// Commands whose exit code follows the ledger's findings: compared by status and output.
    static let judging: [[String]] = [
        ["audit"],
        ["audit", "--format", "json", "--fail-on", "warning"],
    ]

    @Test func readCommandsMatchTheDirectoryAndFailOnATamperedRow() throws {
        let base = try PostgresTestDatabase.baseURL()
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        try #require(try workspace.importFile(try workspace.generated(300, prefix: "p", name: "in.jsonl")).status == 0)
        let name = "reads-\(UUID().uuidString.prefix(8).lowercased())"
        let url = "\(base)?ledger=\(name)"
        let copied = try CLI.run(["copy", workspace.ledger, url])
        try #require(copied.status == 0, "copy failed: \(copied.stderr)")
        for command in Self.commands {
            let fromDirectory = try CLI.run(Self.place(command, workspace.ledger) + ["--vkey", workspace.vkey])
            let fromDatabase = try CLI.run(Self.place(command, url) + ["--vkey", workspace.vkey])
            #expect(fromDirectory.status == 0, "\(command): \(fromDirectory.stderr)")
            #expect(fromDatabase.status == 0, "\(command): \(fromDatabase.stderr)")
            #expect(fromDirectory.stdout == fromDatabase.stdout, "\(command) differs between the engines")
        }
        for command in Self.judging {
            let fromDirectory = try CLI.run(Self.place(command, workspace.ledger) + ["--vkey", workspace.vkey])
            let fromDatabase = try CLI.run(Self.place(command, url) + ["--vkey", workspace.vkey])
            #expect(!fromDirectory.stdout.isEmpty, "\(command): \(fromDirectory.stderr)")
            #expect(fromDirectory.status == fromDatabase.status, "\(command): \(fromDatabase.stderr)")
            #expect(fromDirectory.stdout == fromDatabase.stdout, "\(command) differs between the engines")
        }
        let port = try #require(URL(string: base)?.port)
        let tamper = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), [
            "psql", "-h", "127.0.0.1", "-p", String(port), "-U", "civic", "civic", "-qc",
            "UPDATE civic_entries SET bytes = overlay(bytes placing 'X'::bytea from 40 for 1) WHERE seq = 7 "
                + "AND ledger_id = (SELECT ledger_id FROM civic_ledgers WHERE name = '\(name)')",
        ])
        try #require(tamper.status == 0, "psql failed: \(tamper.stderr)")
        #expect(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 1)
        for command in Self.commands {
            let result = try CLI.run(Self.place(command, url) + ["--vkey", workspace.vkey])
            #expect(result.status == 1, "\(command) on a tampered row: exit \(result.status)")
            #expect(result.stdout.isEmpty, "\(command) printed output from a tampered ledger")
        }
        // The audit reports the broken chain as an integrity finding, as it does for a directory.
        let audit = try CLI.run(["audit", url, "--vkey", workspace.vkey, "--format", "json"])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("\"rule\":\"INT-"), "\(audit.stdout.prefix(2000))")
    }

    /// The command with the ledger location after its subcommand words (before the entry of trace).
    static func place(_ command: [String], _ location: String) -> [String] {
        let words = command[0] == "export" ? 2 : 1
        return Array(command[..<words]) + [location] + Array(command[words...])
    }
}
