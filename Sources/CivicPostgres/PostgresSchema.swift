import CivicLedger
import PostgresNIO

/// The database schema (Ledger/SPEC.md, "PostgreSQL storage"), in numbered migrations.
/// `civic_schema_version` records each one applied; a database whose newest version is
/// past what this binary knows is refused, never written.
enum PostgresSchema {
    /// Migration N (1-based) is `migrations[N - 1]`; each is applied once, in one transaction.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE civic_ledgers (
                ledger_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL UNIQUE,
                size bigint NOT NULL DEFAULT 0 CHECK (size >= 0),
                last_leaf bytea NOT NULL DEFAULT '\\x0000000000000000000000000000000000000000000000000000000000000000' CHECK (length(last_leaf) = 32),
                last_time text NOT NULL DEFAULT ''
            )
            """,
            """
            CREATE TABLE civic_entries (
                ledger_id bigint NOT NULL REFERENCES civic_ledgers (ledger_id),
                seq bigint NOT NULL CHECK (seq >= 0),
                entry_id bytea NOT NULL,
                bytes bytea NOT NULL,
                PRIMARY KEY (ledger_id, seq),
                UNIQUE (ledger_id, entry_id)
            )
            """,
            """
            CREATE TABLE civic_tree_hashes (
                ledger_id bigint NOT NULL REFERENCES civic_ledgers (ledger_id),
                idx bigint NOT NULL CHECK (idx >= 0),
                hash bytea NOT NULL CHECK (length(hash) = 32),
                PRIMARY KEY (ledger_id, idx)
            )
            """,
            """
            CREATE TABLE civic_checkpoints (
                ledger_id bigint NOT NULL REFERENCES civic_ledgers (ledger_id),
                size bigint NOT NULL CHECK (size > 0),
                note bytea NOT NULL,
                PRIMARY KEY (ledger_id, size)
            )
            """,
            """
            CREATE TABLE civic_derived_state (
                ledger_id bigint NOT NULL REFERENCES civic_ledgers (ledger_id),
                name text NOT NULL,
                state bytea NOT NULL,
                PRIMARY KEY (ledger_id, name)
            )
            """,
        ],
        // 2: private donor records, apart from the log's tables (README, "Donor records").
        [
            """
            CREATE TABLE civic_donor_records (
                ledger_id bigint NOT NULL REFERENCES civic_ledgers (ledger_id),
                ref text NOT NULL,
                record bytea NOT NULL CHECK (length(record) <= 4096),
                PRIMARY KEY (ledger_id, ref)
            )
            """,
        ],
        // 3: write tokens (civic serve), shared by every node serving the ledger: only each
        // token's SHA-256 is kept, as a directory keeps it under private/tokens/.
        [
            """
            CREATE TABLE civic_tokens (
                ledger_id bigint NOT NULL REFERENCES civic_ledgers (ledger_id),
                writer text NOT NULL,
                digest bytea NOT NULL CHECK (length(digest) = 32),
                PRIMARY KEY (ledger_id, writer)
            )
            """,
        ],
    ]

    /// The schema version this binary writes and reads.
    static var version: Int { migrations.count }

    /// Created before any migration (and kept by every one): one row per migration applied.
    static let versionTable = "CREATE TABLE IF NOT EXISTS civic_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"

    /// An arbitrary constant: the advisory lock that serialises migrations across processes.
    static let migrationLockKey: Int64 = 0x6369_7669_635f_6462

    /// Brings the schema to `version`, applying what is missing, in one transaction; refuses
    /// a newer database. With `creating`, first refuses (changing nothing) when the database
    /// already holds a ledger of that name. Returns the version the database was at.
    @discardableResult
    static func migrate(_ session: PostgresSession, creating ledger: String? = nil) throws -> Int {
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(\(migrationLockKey))")
            try session.query(PostgresQuery(unsafeSQL: versionTable))
            let current = try installedVersion(session)
            try refuseNewer(current, session: session)
            if let ledger, current > 0, try !session.query("SELECT 1 FROM civic_ledgers WHERE name = \(ledger)").rows.isEmpty {
                throw ledgerExists(at: current, session: session)
            }
            for number in (current + 1)...max(current + 1, version) where number <= version {
                for statement in migrations[number - 1] { try session.query(PostgresQuery(unsafeSQL: statement)) }
                try session.query("INSERT INTO civic_schema_version (version) VALUES (\(number))")
            }
            return current
        }
    }

    /// Checks that the database holds exactly this binary's schema.
    static func require(_ session: PostgresSession) throws {
        let exists = try session.query("SELECT to_regclass('civic_schema_version') IS NOT NULL")
        guard let row = exists.rows.first, try row.decode(Bool.self) else {
            throw LedgerError(.notALedger, "\(session.location.description): the database has no CivicLedger schema; create it with civic init")
        }
        let current = try installedVersion(session)
        try refuseNewer(current, session: session)
        guard current == version else {
            throw LedgerError(.notALedger, "\(session.location.description): the database's CivicLedger schema is at version \(current) and this civic needs version \(version); civic does not migrate on its own: \(migrateAdvice(session))")
        }
    }

    /// What to run for an older schema, and what it does.
    private static func migrateAdvice(_ session: PostgresSession) -> String {
        "run civic migrate \(ShellQuote.word(session.location.description)) once (it migrates the whole database, every ledger in it; civic binaries older than this one then refuse it)"
    }

    /// `civic init` for a name in use: says whether the schema is this binary's too.
    private static func ledgerExists(at current: Int, session: PostgresSession) -> LedgerError {
        let location = session.location
        guard current < version else {
            return LedgerError(.notALedger, "\(location.description): the database already holds a ledger \(location.ledger); a new ledger needs a name not in use (?ledger=NAME)")
        }
        return LedgerError(.notALedger, "\(location.description): the database already holds a ledger \(location.ledger), and its CivicLedger schema is at version \(current) while this civic needs version \(version); nothing was changed. To use that ledger, \(migrateAdvice(session)); for a new ledger choose a name not in use (?ledger=NAME)")
    }

    private static func installedVersion(_ session: PostgresSession) throws -> Int {
        let result = try session.query("SELECT coalesce(max(version), 0) FROM civic_schema_version")
        guard let row = result.rows.first else { return 0 }
        return Int(try row.decode(Int32.self))
    }

    private static func refuseNewer(_ current: Int, session: PostgresSession) throws {
        guard current <= version else {
            throw LedgerError(.notALedger, "\(session.location.description): the database's CivicLedger schema is at version \(current), newer than this civic knows (version \(version)); nothing was changed: use a civic that knows version \(current) (a schema is never migrated back)")
        }
    }
}
