import CivicLedger
import PostgresNIO

/// A PostgreSQL ledger's write tokens (`civic_tokens`, Ledger/SPEC.md): every `civic serve`
/// node of the ledger reads the same rows, so a token added or revoked on one is seen by all.
/// Only each token's SHA-256 is stored, as `TokenStore` keeps it for a directory.
public final class PostgresTokens: WriterTokens {
    private let store: PostgresStore

    /// The tokens of an existing ledger (this binary's schema).
    public init(_ location: PostgresLocation) throws {
        store = try PostgresStore.open(location)
    }

    public var location: String { store.location }

    public func add(writer: String) throws -> String {
        try TokenStore.requireName(writer)
        let (token, digest) = try TokenStore.newToken()
        let rows = try store.session.query("""
            INSERT INTO civic_tokens (ledger_id, writer, digest) VALUES (\(store.ledgerID), \(writer), \(ByteBuffer(bytes: digest.bytes)))
            ON CONFLICT (ledger_id, writer) DO NOTHING RETURNING writer
            """).rows
        guard !rows.isEmpty else { throw LedgerError(.usage, "\(location): writer \(writer) already has a token; revoke it first") }
        return token
    }

    public func revoke(writer: String) throws {
        try TokenStore.requireName(writer)
        let rows = try store.session.query("""
            DELETE FROM civic_tokens WHERE ledger_id = \(store.ledgerID) AND writer = \(writer) RETURNING writer
            """).rows
        guard !rows.isEmpty else { throw LedgerError(.usage, "\(location): writer \(writer) has no token") }
    }

    public func digests() throws -> [(writer: String, digest: Hash32)] {
        let rows = try store.session.query("""
            SELECT writer, digest FROM civic_tokens WHERE ledger_id = \(store.ledgerID) ORDER BY writer COLLATE "C"
            """).rows
        return try rows.map { row in
            let (writer, bytes) = try row.decode((String, ByteBuffer).self)
            guard let digest = Hash32(Array(bytes.readableBytesView)) else {
                throw LedgerError(.corrupt, "\(location): a civic_tokens digest is not 32 bytes")
            }
            return (writer, digest)
        }
    }
}
