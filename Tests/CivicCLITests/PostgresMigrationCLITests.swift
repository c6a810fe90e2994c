import Foundation
import Testing

/// What every command says about a database at another schema version than the binary's:
/// the two versions and what to do. An older one (here 1, as before donor records and tokens)
/// is migrated by `civic migrate` (or `civic init` of a new ledger in it), never by the
/// other commands on their own; a newer one is refused by all, `civic migrate` included.
/// Each test has a database of its own. Needs the throwaway cluster `Scripts/test` starts.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresMigrationCLITests {
    @Test func olderSchemaNamesBothVersionsAndIsMigratedOnlyOnRequest() throws {
        let (database, workspace) = try Self.database()
        defer { workspace.remove() }
        let url = "\(database)?ledger=old"
        try #require(try CLI.run(["copy", workspace.ledger, url]).status == 0)
        // Back to version 1: the later migrations only added these tables.
        try PostgresVerifyCLITests.sql(database, "DROP TABLE civic_tokens; DROP TABLE civic_donor_records; DELETE FROM civic_schema_version WHERE version > 1")
        let advice = "the database's CivicLedger schema is at version 1 and this civic needs version 3; civic does not migrate on its own: run civic migrate '\(url)' once"
        for command in [["verify", url, "--vkey", workspace.vkey], ["log", url], ["token", "list", url]] {
            let result = try CLI.run(command)
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(advice), "\(command): \(result.stderr)")
        }
        let again = try CLI.run(Self.initArguments(url, workspace))
        #expect(again.status == 2)
        #expect(again.stderr.contains("already holds a ledger old, and its CivicLedger schema is at version 1 while this civic needs version 3; nothing was changed"), "\(again.stderr)")
        #expect(try Self.version(database) == "1")
        let migrated = try CLI.run(["migrate", url])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stderr.contains("from version 1 to 3"), "\(migrated.stderr)")
        #expect(try Self.version(database) == "3")
        #expect(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 0)
        let twice = try CLI.run(["migrate", url])
        #expect(twice.status == 0 && twice.stderr.contains("is at version 3 already"), "\(twice.stderr)")
    }

    /// `civic init` of a new ledger in an older database migrates it, and says so.
    @Test func initOfANewLedgerMigratesAndSaysSo() throws {
        let (database, workspace) = try Self.database()
        defer { workspace.remove() }
        try #require(try CLI.run(["copy", workspace.ledger, "\(database)?ledger=old"]).status == 0)
        try PostgresVerifyCLITests.sql(database, "DROP TABLE civic_tokens; DELETE FROM civic_schema_version WHERE version > 2")
        let created = try CLI.run(Self.initArguments("\(database)?ledger=new", workspace))
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("migrated the CivicLedger schema of"), "\(created.stderr)")
        #expect(created.stderr.contains("from version 2 to 3"), "\(created.stderr)")
        #expect(try CLI.run(["verify", "\(database)?ledger=old", "--vkey", workspace.vkey]).status == 0)
    }

    @Test func newerSchemaIsRefusedByEveryCommand() throws {
        let (database, workspace) = try Self.database()
        defer { workspace.remove() }
        let url = "\(database)?ledger=one"
        try #require(try CLI.run(["copy", workspace.ledger, url]).status == 0)
        try PostgresVerifyCLITests.sql(database, "INSERT INTO civic_schema_version (version) VALUES (4)")
        let refusal = "the database's CivicLedger schema is at version 4, newer than this civic knows (version 3); nothing was changed"
        for command in [["verify", url, "--vkey", workspace.vkey], ["migrate", url], Self.initArguments("\(database)?ledger=two", workspace),
                        ["copy", workspace.ledger, "\(database)?ledger=three"]] {
            let result = try CLI.run(command)
            #expect(result.status == 2, "\(command.prefix(1)): \(result.stderr)")
            #expect(result.stderr.contains(refusal), "\(command.prefix(1)): \(result.stderr)")
        }
        #expect(try Self.version(database) == "4")
        let ledgers = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["psql", "-X", "-qAt", "-c", "SELECT count(*) FROM civic_ledgers", database])
        #expect(ledgers.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    /// A new database in the test cluster, and a directory ledger to copy into it.
    static func database() throws -> (String, CLIWorkspace) {
        let base = try PostgresTestDatabase.baseURL()
        let name = "migrate_\(UUID().uuidString.prefix(8).lowercased())"
        try PostgresVerifyCLITests.sql(base, "CREATE DATABASE \(name)")
        return (String(base[..<base.lastIndex(of: "/")!]) + "/" + name, try CLIWorkspace())
    }

    static func initArguments(_ url: String, _ workspace: CLIWorkspace) -> [String] {
        ["init", url, "--origin", CLIWorkspace.origin, "--org-name", "Example", "--uscc", "53100000500021676K",
         "--org-type", "foundation", "--key", workspace.key]
    }

    static func version(_ database: String) throws -> String {
        let result = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["psql", "-X", "-qAt", "-c", "SELECT max(version) FROM civic_schema_version", database])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
