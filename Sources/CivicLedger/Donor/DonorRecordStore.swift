/// Where a ledger's private donor records are kept, whichever engine holds the ledger:
/// `DonorStore` (files under `DIR/private/donors`) or a PostgreSQL ledger's donor table.
/// Never part of the log: erasing a record (redaction) leaves every entry, hash and
/// checkpoint as it was, so the log still verifies.
public protocol DonorRecordStore {
    /// Stores a new record, durably. Refuses a ref that already has a record.
    func add(_ record: DonorRecord) throws

    /// The stored record of `ref`, parsed strictly.
    func record(ref: String) throws -> DonorRecord

    /// Erases the record of `ref` (SECURITY.md, "Donor records": what each engine can and
    /// cannot erase).
    func redact(ref: String) throws
}

extension DonorStore: DonorRecordStore {}

extension DonorRecord {
    /// Checks a ref given to look a record up or erase it: the syntax of an entry id.
    public static func checkLookupRef(_ ref: String) throws {
        if let problem = EntrySyntax.idProblem(ref) { throw LedgerError(.usage, "donor ref: \(problem)") }
    }

    /// Overwrites bytes that held a record, once they are no longer needed.
    public static func cleanse(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { Cleanse.bytes($0) }
    }
}
