import Foundation
import Testing

/// `civic verify URL` checks every row a reader or writer of a PostgreSQL ledger trusts, not
/// only the entry bytes: each changed column fails it (exit 1) with one message naming the
/// seq, table and column, never the changed value. Needs the throwaway cluster `Scripts/test`
/// starts (CIVIC_TEST_POSTGRES_URL).
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresVerifyCLITests {
    /// A change, the words verify must say, and a value it must not echo.
    struct Tamper: CustomStringConvertible {
        let sql: String
        let says: String
        var secret: String? = nil
        var description: String { says }
    }

    /// `$L` stands for the ledger's id. The ledger holds 31 entries, checkpoints at 1 and 31.
    static let tampers: [Tamper] = [
        Tamper(sql: "UPDATE civic_entries SET entry_id = 'zzz-tampered'::bytea WHERE ledger_id = $L AND seq = 7",
               says: "entry 7: its civic_entries.entry_id does not match the id in its bytes", secret: "zzz-tampered"),
        Tamper(sql: "UPDATE civic_entries SET entry_id = (SELECT entry_id FROM civic_entries WHERE ledger_id = $L AND seq = 9) || 'x'::bytea WHERE ledger_id = $L AND seq = 9",
               says: "entry 9: its civic_entries.entry_id does not match"),
        Tamper(sql: "UPDATE civic_tree_hashes SET hash = sha256('x'::bytea) WHERE ledger_id = $L AND idx = 5",
               says: "stored tree hash 5 does not match the entries"),
        Tamper(sql: "INSERT INTO civic_tree_hashes (ledger_id, idx, hash) VALUES ($L, 4000, sha256('x'::bytea))",
               says: "civic_tree_hashes holds a row at an idx past the tree of the newest checkpoint (size 31)"),
        Tamper(sql: "INSERT INTO civic_entries (ledger_id, seq, entry_id, bytes) SELECT $L, 31, 'ghost-id'::bytea, bytes FROM civic_entries WHERE ledger_id = $L AND seq = 30",
               says: "civic_entries holds a row at a seq past the newest checkpoint (size 31)", secret: "ghost-id"),
        Tamper(sql: "UPDATE civic_ledgers SET size = 32 WHERE ledger_id = $L",
               says: "civic_ledgers.size does not match the size of the newest checkpoint"),
        Tamper(sql: "UPDATE civic_ledgers SET last_leaf = sha256('x'::bytea) WHERE ledger_id = $L",
               says: "civic_ledgers.last_leaf does not match the leaf hash of entry 30, the last one"),
        Tamper(sql: "UPDATE civic_ledgers SET last_time = '2099-12-31T23:59:59Z' WHERE ledger_id = $L",
               says: "civic_ledgers.last_time does not match the time of entry 30, the last one", secret: "2099-12-31"),
        Tamper(sql: "DELETE FROM civic_checkpoints WHERE ledger_id = $L AND size = 31",
               says: "civic_ledgers.size does not match the size of the newest checkpoint"),
        Tamper(sql: "UPDATE civic_checkpoints SET size = 2 WHERE ledger_id = $L AND size = 1",
               says: "the checkpoint at size 2: it says size 1"),
        Tamper(sql: "UPDATE civic_checkpoints SET note = overlay(note placing 'A'::bytea from length(note) - 8 for 1) WHERE ledger_id = $L AND size = 1",
               says: "the checkpoint at size 1"),
        Tamper(sql: "INSERT INTO civic_derived_state (ledger_id, name, state) VALUES ($L, 'book', 'not-a-book'::bytea)",
               says: "civic_derived_state row book is damaged or ahead of the ledger", secret: "not-a-book"),
    ]

    @Test func everyTrustedColumnIsChecked() throws {
        let base = try PostgresTestDatabase.baseURL()
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        try #require(try workspace.importFile(try workspace.generated(30, prefix: "v", name: "in.jsonl")).status == 0)
        for tamper in Self.tampers {
            let name = "verify-\(UUID().uuidString.prefix(8).lowercased())"
            let url = "\(base)?ledger=\(name)"
            let copied = try CLI.run(["copy", workspace.ledger, url])
            try #require(copied.status == 0, "copy failed: \(copied.stderr)")
            try #require(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 0)
            try Self.sql(base, tamper.sql.replacingOccurrences(of: "$L", with: "(SELECT ledger_id FROM civic_ledgers WHERE name = '\(name)')"))
            let verified = try CLI.run(["verify", url, "--vkey", workspace.vkey])
            #expect(verified.status == 1, "\(tamper): exit \(verified.status), \(verified.stderr)")
            #expect(verified.stderr.contains(tamper.says), "\(tamper): \(verified.stderr)")
            #expect(verified.stderr.split(separator: "\n").count == 1, "\(tamper): \(verified.stderr)")
            if let secret = tamper.secret { #expect(!verified.stderr.contains(secret), "\(tamper) echoed the value") }
        }
    }

    /// Write tokens are secrets of one deployment: `civic copy` copies none, either way, and says so.
    @Test func copyLeavesWriteTokensBehindAndSaysSo() throws {
        let base = try PostgresTestDatabase.baseURL()
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        try #require(try CLI.run(["token", "add", workspace.ledger, "--name", "alice"]).status == 0)
        let url = "\(base)?ledger=tokens-\(UUID().uuidString.prefix(8).lowercased())"
        let there = try CLI.run(["copy", workspace.ledger, url])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stderr.contains("write tokens are not copied: 1; issue new ones with civic token add '\(url)' --name WRITER"), "\(there.stderr)")
        #expect(try CLI.run(["token", "list", url]).stdout.isEmpty)
        try #require(try CLI.run(["token", "add", url, "--name", "bob"]).status == 0)
        try #require(try CLI.run(["token", "add", url, "--name", "carol"]).status == 0)
        let back = workspace.file("back")
        let returned = try CLI.run(["copy", url, back])
        #expect(returned.status == 0, "\(returned.stderr)")
        #expect(returned.stderr.contains("write tokens are not copied: 2; issue new ones with civic token add \(back) --name WRITER"), "\(returned.stderr)")
        #expect(try CLI.run(["token", "list", back]).stdout.isEmpty)
        let quiet = try CLI.run(["copy", back, workspace.file("again")])
        #expect(quiet.status == 0 && !quiet.stderr.contains("write tokens"), "\(quiet.stderr)")
    }

    static func sql(_ base: String, _ statement: String) throws {
        let result = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["psql", "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-c", statement, base])
        try #require(result.status == 0, "psql failed: \(result.stderr)")
    }
}
