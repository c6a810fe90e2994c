import CivicExport
import CivicLedger
import CivicPostgres
import Foundation

/// Where a command's ledger lives: a directory, or a PostgreSQL URL
/// (`postgresql://USER@HOST:PORT/DB?ledger=NAME`; README, "PostgreSQL").
enum LedgerLocation {
    static func isDatabase(_ text: String) -> Bool {
        PostgresLocation.isLocation(text)
    }

    /// `text` when it names a directory; for a PostgreSQL location, the error of a command
    /// that does not read one yet.
    static func requireDirectory(_ text: String) throws -> String {
        guard isDatabase(text) else { return text }
        throw LedgerError(.usage, "this command does not read a PostgreSQL ledger yet; civic copy it to a directory and run the command on that")
    }

    /// An existing ledger at `text` for the read commands, fixed at its kept checkpoints: a
    /// directory's own reader, or a database ledger through its store.
    static func openLog(_ text: String) throws -> any VerifiableLog & ProofLog {
        if isDatabase(text) { return try StoreLog(store: try PostgresStore.open(try PostgresLocation(text))) }
        return try LedgerReader(directory: text)
    }

    /// One ledger of a consolidated export, opened by `openLog`.
    static func source(_ text: String, verifier: NoteVerifier) -> LedgerSource {
        LedgerSource(location: text, verifier: verifier) { try openLog(text) }
    }

    /// The private donor records of the existing ledger at `text`.
    static func openDonors(_ text: String) throws -> any DonorRecordStore {
        if isDatabase(text) { return PostgresDonorStore(store: try PostgresStore.open(try PostgresLocation(text))) }
        return try DonorStore(directory: text)
    }

    /// The write tokens of the existing ledger at `text`.
    static func openTokens(_ text: String) throws -> any WriterTokens {
        if isDatabase(text) { return try PostgresTokens(try PostgresLocation(text)) }
        return try TokenStore(directory: text)
    }

    /// An existing ledger at `text`.
    static func openStore(_ text: String) throws -> any LedgerStore {
        if isDatabase(text) { return try PostgresStore.open(try PostgresLocation(text)) }
        return try DirectoryStore(directory: text)
    }

    /// Says so when `createStore` migrated an older database schema to make the ledger.
    static func noteMigration(_ store: any LedgerStore) {
        guard let store = store as? PostgresStore, let before = store.migratedFromVersion else { return }
        let location = store.postgresLocation
        Terminal.note("migrated the CivicLedger schema of \(location.database) at \(location.host):\(location.port) from version \(before) to \(PostgresStore.schemaVersion)")
    }

    /// A new, empty ledger at `text` (a directory that is absent or empty, or a ledger name
    /// not yet in the database), and how to remove it again if filling it fails.
    static func createStore(_ text: String) throws -> (store: any LedgerStore, remove: () throws -> Void) {
        if isDatabase(text) {
            let store = try PostgresStore.create(try PostgresLocation(text))
            return (store, { try store.drop() })
        }
        let existed = FileManager.default.fileExists(atPath: text)
        let store = try DirectoryStore.create(directory: text)
        // An empty directory given by the caller is emptied again; one this made is removed.
        return (store, {
            for name in try FileManager.default.contentsOfDirectory(atPath: text) {
                try FileManager.default.removeItem(atPath: text + "/" + name)
            }
            if !existed { try FileManager.default.removeItem(atPath: text) }
        })
    }
}
