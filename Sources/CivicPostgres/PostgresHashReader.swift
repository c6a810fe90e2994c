import CivicLedger
import PostgresNIO

/// Stored tree hashes read from `civic_tree_hashes`, one query per call.
struct PostgresHashReader: HashReader {
    let session: PostgresSession
    let ledgerID: Int64

    func readHashes(at indexes: [Int64]) throws -> [Hash32] {
        guard !indexes.isEmpty else { return [] }
        let rows = try session.query("SELECT idx, hash FROM civic_tree_hashes WHERE ledger_id = \(ledgerID) AND idx = ANY(\(indexes))").rows
        var found: [Int64: Hash32] = [:]
        for row in rows {
            let (index, hash) = try row.decode((Int64, ByteBuffer).self)
            guard let value = Hash32(Array(hash.readableBytesView)) else {
                throw LedgerError(.corrupt, "\(session.location.description): stored hash \(index) is not 32 bytes")
            }
            found[index] = value
        }
        return try indexes.map { index in
            guard let hash = found[index] else {
                throw LedgerError(.corrupt, "\(session.location.description): stored hash \(index) is missing from civic_tree_hashes")
            }
            return hash
        }
    }
}
