import Foundation
import Testing

/// Private donor records of a PostgreSQL ledger: `civic donor add/show/redact URL` as for a
/// directory, and a redacted record is gone from the CLI, from the table and from the
/// table's data file, while the log still verifies. Needs the throwaway cluster
/// `Scripts/test` starts (CIVIC_TEST_POSTGRES_URL), whose user is a superuser.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresDonorCLITests {
    @Test func donorRecordsAreKeptApartAndRedactionErasesThem() throws {
        let base = try PostgresTestDatabase.baseURL()
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let name = "donors-\(UUID().uuidString.prefix(8).lowercased())"
        let url = "\(base)?ledger=\(name)"
        let copied = try CLI.run(["copy", workspace.ledger, url])
        try #require(copied.status == 0, "copy failed: \(copied.stderr)")
        let donor = "Ada Quintessa Lovelace"
        let added = try CLI.run(["donor", "add", url, "--ref", "D-7", "--name", donor, "--contact", "ada@example.org"])
        try #require(added.status == 0, "donor add: \(added.stderr)")
        #expect(added.stdout.count == 65, "no commitment printed: \(added.stdout)")
        let again = try CLI.run(["donor", "add", url, "--ref", "D-7", "--name", "Someone Else"])
        #expect(again.status == 2 && again.stderr.contains("already has a record"), "\(again.stderr)")
        let shown = try CLI.run(["donor", "show", url, "D-7"])
        #expect(shown.status == 0 && shown.stdout.contains(donor), "donor show: \(shown.stderr)")
        let port = try #require(URL(string: base)?.port)
        let ledgerRows = "ledger_id = (SELECT ledger_id FROM civic_ledgers WHERE name = '\(name)')"
        #expect(try Self.psql(port, "SELECT count(*) FROM civic_donor_records WHERE ref = 'D-7' AND \(ledgerRows)") == "1")

        let redacted = try CLI.run(["donor", "redact", url, "D-7"])
        #expect(redacted.status == 0 && redacted.stdout == "redacted donor D-7\n", "donor redact: \(redacted.stderr)")
        let gone = try CLI.run(["donor", "show", url, "D-7"])
        #expect(gone.status == 2 && gone.stderr.contains("no donor record"), "\(gone.stderr)")
        #expect(!gone.stdout.contains(donor) && !gone.stderr.contains(donor))
        #expect(try CLI.run(["donor", "redact", url, "D-7"]).status == 2)
        #expect(try Self.psql(port, "SELECT count(*) FROM civic_donor_records WHERE ref = 'D-7' AND \(ledgerRows)") == "0")
        // The table's live data file no longer holds the name (no dead row version left in a page).
        _ = try Self.psql(port, "CHECKPOINT")
        let file = try Self.psql(port, "SELECT current_setting('data_directory') || '/' || pg_relation_filepath('civic_donor_records')")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(bytes.range(of: Data(donor.utf8)) == nil, "the redacted name is still in \(file)")
        #expect(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 0)
    }

    /// One value of `sql`, unaligned, from the test cluster.
    static func psql(_ port: Int, _ sql: String) throws -> String {
        let result = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), [
            "psql", "-h", "127.0.0.1", "-p", String(port), "-U", "civic", "civic", "-qAtc", sql,
        ])
        try #require(result.status == 0, "psql failed: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
