import CivicLedger
import PostgresNIO

/// The private donor records of a PostgreSQL ledger: table `civic_donor_records` (Ledger/SPEC.md,
/// "PostgreSQL storage"), one canonical record per ref, apart from the log's tables. Nothing
/// that serves the log reads it. Redaction deletes the row and rewrites the table
/// (`VACUUM FULL`), so the record's bytes leave the table's live files; what stays in WAL,
/// replicas and backups is in SECURITY.md.
public final class PostgresDonorStore: DonorRecordStore {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    var session: PostgresSession { store.session }

    public func add(_ record: DonorRecord) throws {
        var bytes = record.canonicalBytes()
        defer { DonorRecord.cleanse(&bytes) }
        let rows = try session.query("""
            INSERT INTO civic_donor_records (ledger_id, ref, record) VALUES (\(store.ledgerID), \(record.ref), \(ByteBuffer(bytes: bytes)))
            ON CONFLICT (ledger_id, ref) DO NOTHING RETURNING ref
            """).rows
        guard rows.first != nil else {
            throw LedgerError(.usage, "\(store.location): donor ref \(record.ref) already has a record; refusing to overwrite it")
        }
    }

    public func record(ref: String) throws -> DonorRecord {
        try checkRef(ref)
        let rows = try session.query("SELECT record FROM civic_donor_records WHERE ledger_id = \(store.ledgerID) AND ref = \(ref)").rows
        guard let row = rows.first else { throw missing(ref) }
        var bytes = Array(try row.decode(ByteBuffer.self).readableBytesView)
        defer { DonorRecord.cleanse(&bytes) }
        guard bytes.count <= DonorRecord.byteCountMax else {
            throw LedgerError(.corrupt, "\(store.location): the donor record of ref \(ref) is over \(DonorRecord.byteCountMax) bytes")
        }
        let record: DonorRecord
        do { record = try DonorRecord.parse(bytes) } catch let error as LedgerError {
            throw LedgerError(error.code, "\(store.location): the donor record of ref \(ref): \(error.message)")
        }
        guard record.ref == ref else {
            throw LedgerError(.corrupt, "\(store.location): the row of ref \(ref) holds the record of ref \(record.ref)")
        }
        return record
    }

    /// Deletes the row, then rewrites the table without it: a plain DELETE only marks the
    /// row version dead (MVCC), and even plain VACUUM leaves its bytes in the page until
    /// they are overwritten; VACUUM FULL copies the live rows to new files and unlinks the
    /// old ones. It cannot run inside a transaction, so it follows the committed DELETE; a
    /// transaction older than the DELETE still open elsewhere keeps the row until a later
    /// VACUUM FULL (SECURITY.md).
    public func redact(ref: String) throws {
        try checkRef(ref)
        let rows = try session.query("DELETE FROM civic_donor_records WHERE ledger_id = \(store.ledgerID) AND ref = \(ref) RETURNING ref").rows
        guard rows.first != nil else { throw missing(ref) }
        try session.query("VACUUM FULL civic_donor_records")
    }

    private func checkRef(_ ref: String) throws {
        try DonorRecord.checkLookupRef(ref)
    }

    private func missing(_ ref: String) -> LedgerError {
        LedgerError(.usage, "\(store.location): no donor record for ref \(PersonalData.quotable(ref)) (never added, or redacted)")
    }
}
