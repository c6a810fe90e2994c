import CivicLedger
import PostgresNIO

/// Writes a PostgreSQL ledger. Each batch is one transaction that starts by locking the
/// ledger's row in `civic_ledgers` (`SELECT … FOR UPDATE`): that row is the log's edge, so
/// the lock and the edge are read together, several processes take turns, and a process
/// that dies mid-batch releases the lock with its connection (the server rolls back).
final class PostgresStoreWriter: LedgerStoreWriter {
    private let store: PostgresStore
    /// The edge this writer last committed or read, reused while the row still says the
    /// same size, so a writer that is not racing anyone reads no hashes to restore the tree.
    private var cachedEdge: LedgerEdge?

    init(store: PostgresStore) {
        self.store = store
    }

    private var session: PostgresSession { store.session }
    private var ledgerID: Int64 { store.ledgerID }

    func commit<Value>(_ prepare: (LockedLedger) throws -> (StoreBatch?, Value)) throws -> Value {
        do {
            return try session.transaction {
                let edge = try lockedEdge()
                let (batch, value) = try prepare(PostgresLockedLedger(edge: edge, store: store))
                if let batch {
                    precondition(batch.firstSeq == edge.size, "a batch follows the edge it was prepared after")
                    try insert(batch)
                }
                cachedEdge = batch?.edge ?? edge
                return value
            }
        } catch {
            // Whatever the transaction did is rolled back; the next batch re-reads the edge.
            cachedEdge = nil
            throw error
        }
    }

    /// Locks the ledger's row and returns the committed edge it describes.
    private func lockedEdge() throws -> LedgerEdge {
        let rows = try session.query("SELECT size, last_leaf, last_time FROM civic_ledgers WHERE ledger_id = \(ledgerID) FOR UPDATE").rows
        guard let row = rows.first else {
            throw LedgerError(.notALedger, "\(store.location): the ledger was removed")
        }
        let (sizeValue, leafBuffer, lastTime) = try row.decode((Int64, ByteBuffer, String).self)
        let size = try PostgresStore.unsigned(sizeValue, what: "ledger size")
        if let cachedEdge, cachedEdge.size == size { return cachedEdge }
        guard size > 0 else { return .empty }
        guard let leaf = Hash32(Array(leafBuffer.readableBytesView)) else {
            throw LedgerError(.corrupt, "\(store.location): civic_ledgers.last_leaf is not 32 bytes")
        }
        let builder = try TreeBuilder(restoringSize: Int64(size), reader: try store.treeHashes())
        return LedgerEdge(size: size, builder: builder, lastLeafHash: leaf, lastTime: lastTime)
    }

    /// Inserts the batch's entries, hashes and checkpoint and moves the edge, in the
    /// caller's transaction.
    private func insert(_ batch: StoreBatch) throws {
        let first = try PostgresStore.signed(batch.firstSeq)
        let seqs = (0..<Int64(batch.entries.count)).map { first + $0 }
        let ids = batch.ids.map { ByteBuffer(string: $0) }
        let bytes = batch.entries.map { ByteBuffer(bytes: $0) }
        try session.query("""
            INSERT INTO civic_entries (ledger_id, seq, entry_id, bytes)
            SELECT \(ledgerID), * FROM unnest(\(seqs)::bigint[], \(ids)::bytea[], \(bytes)::bytea[])
            """)
        let firstIndex = batch.firstHashIndex
        let indexes = (0..<Int64(batch.storedHashes.count)).map { firstIndex + $0 }
        let hashes = batch.storedHashes.map { ByteBuffer(bytes: $0.bytes) }
        try session.query("""
            INSERT INTO civic_tree_hashes (ledger_id, idx, hash)
            SELECT \(ledgerID), * FROM unnest(\(indexes)::bigint[], \(hashes)::bytea[])
            """)
        let end = try PostgresStore.signed(batch.endSize)
        try session.query("""
            INSERT INTO civic_checkpoints (ledger_id, size, note)
            VALUES (\(ledgerID), \(end), \(ByteBuffer(string: batch.checkpoint.serialized)))
            """)
        try session.query("""
            UPDATE civic_ledgers SET size = \(end), last_leaf = \(ByteBuffer(bytes: batch.edge.lastLeafHash.bytes)),
            last_time = \(batch.edge.lastTime) WHERE ledger_id = \(ledgerID)
            """)
    }

    func replaceCheckpoint(_ note: SignedNote, size: UInt64) throws {
        let rows = try session.query("""
            UPDATE civic_checkpoints SET note = \(ByteBuffer(string: note.serialized))
            WHERE ledger_id = \(ledgerID) AND size = \(try PostgresStore.signed(size)) RETURNING size
            """).rows
        guard !rows.isEmpty else {
            throw LedgerError(.usage, "\(store.location) has no checkpoint at size \(size) to replace")
        }
    }

    func saveDerivedState(_ name: String, size: UInt64, state: JSONValue) throws {
        let bytes = ByteBuffer(bytes: DerivedState.encode(size: size, state: state))
        try session.query("""
            INSERT INTO civic_derived_state (ledger_id, name, state) VALUES (\(ledgerID), \(name), \(bytes))
            ON CONFLICT (ledger_id, name) DO UPDATE SET state = excluded.state
            """)
    }
}

/// The committed log as a writer sees it inside its transaction.
struct PostgresLockedLedger: LockedLedger {
    let edge: LedgerEdge
    let store: PostgresStore

    func seq(id: String) throws -> UInt64? {
        try store.seq(id: id)
    }

    func entry(seq: UInt64) throws -> Entry {
        var found: Entry?
        try forEachEntry(in: seq..<seq + 1) { found = $0 }
        guard let found else { throw LedgerError(.corrupt, "\(store.location): entry \(seq) is missing") }
        return found
    }

    /// Read in pages below the locked edge (not through the kept checkpoints, which a
    /// lookup would list in full on every call).
    func forEachEntry(in range: Range<UInt64>, _ body: (Entry) throws -> Void) throws {
        precondition(range.upperBound <= edge.size, "only committed entries are read back")
        try store.forEachEntry(in: range) { seq, bytes in
            let entry: Entry
            do { entry = try Entry.decode(Array(bytes)) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(store.location): entry \(seq) cannot be decoded: \(error.message)")
            }
            try body(entry)
        }
    }
}
