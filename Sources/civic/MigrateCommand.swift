import ArgumentParser
import CivicLedger
import CivicPostgres

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring a PostgreSQL database's CivicLedger schema to this civic's version.",
        discussion: """
        Applies the missing schema migrations, each once, in one transaction, to the whole \
        database: every ledger in it (the ?ledger= name only completes the location). No other \
        command migrates an existing ledger's database on its own; they name the versions and \
        point here. civic init migrates a database it creates a new ledger in. A database at \
        this version is left as it is; one newer than this civic is refused, and a schema is \
        never migrated back. After a migration, civic binaries older than this one refuse the \
        database: upgrade every node that serves it. A directory ledger needs no migration.
        """)

    @Argument(help: "postgresql://USER@HOST:PORT/DB?ledger=NAME")
    var location: String

    func run() throws {
        guard LedgerLocation.isDatabase(location) else {
            throw LedgerError(.usage, "civic migrate takes a postgresql:// location; a directory ledger needs no migration")
        }
        let postgres = try PostgresLocation(location)
        let before = try PostgresStore.migrateSchema(postgres)
        let version = PostgresStore.schemaVersion
        let database = "\(postgres.database) at \(postgres.host):\(postgres.port)"
        switch before {
        case version: Terminal.note("the CivicLedger schema of \(database) is at version \(version) already; nothing to do")
        case 0: Terminal.note("created the CivicLedger schema (version \(version)) in \(database); it holds no ledger yet: create one with civic init")
        default: Terminal.note("migrated the CivicLedger schema of \(database) from version \(before) to \(version)")
        }
    }
}
