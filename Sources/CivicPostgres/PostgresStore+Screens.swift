import CivicLedger
import PostgresNIO

extension PostgresStore: KeyEntryScreening {
    /// One query; the server reads every row of the ledger but sends only those that hold
    /// the marker (canonical JSON writes `"kind":"key"` exactly so).
    public func keyEntryCandidates(in range: Range<UInt64>) throws -> [(seq: UInt64, bytes: [UInt8])] {
        guard !range.isEmpty else { return [] }
        let marker = ByteBuffer(string: "\"kind\":\"key\"")
        let rows = try session.query("""
            SELECT seq, bytes FROM civic_entries
            WHERE ledger_id = \(ledgerID) AND seq >= \(try PostgresStore.signed(range.lowerBound))
            AND seq < \(try PostgresStore.signed(range.upperBound)) AND position(\(marker) IN bytes) > 0
            ORDER BY seq
            """).rows
        return try rows.map { row in
            let (seq, bytes) = try row.decode((Int64, ByteBuffer).self)
            guard bytes.readableBytes <= EntryLimits.entryByteCountMax else {
                throw LedgerError(.corrupt, "\(location): entry \(seq) is over \(EntryLimits.entryByteCountMax) bytes")
            }
            return (try PostgresStore.unsigned(seq, what: "seq"), Array(bytes.readableBytesView))
        }
    }
}

extension PostgresStore: EntryIDPages {
    public var entryIDColumn: String { "civic_entries.entry_id" }

    public func entryIDs(in range: Range<UInt64>) throws -> [UInt64: [UInt8]] {
        guard !range.isEmpty else { return [:] }
        let rows = try session.query("""
            SELECT seq, entry_id FROM civic_entries
            WHERE ledger_id = \(ledgerID) AND seq >= \(try PostgresStore.signed(range.lowerBound)) AND seq < \(try PostgresStore.signed(range.upperBound))
            """).rows
        var ids: [UInt64: [UInt8]] = [:]
        for row in rows {
            let (seq, id) = try row.decode((Int64, ByteBuffer).self)
            guard id.readableBytes <= EntryLimits.entryByteCountMax else {
                throw LedgerError(.corrupt, "\(location): the id of entry \(seq) is over \(EntryLimits.entryByteCountMax) bytes")
            }
            ids[try PostgresStore.unsigned(seq, what: "seq")] = Array(id.readableBytesView)
        }
        return ids
    }
}
