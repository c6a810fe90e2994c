import CivicLedger
import PostgresNIO

/// A ledger kept in PostgreSQL (Ledger/SPEC.md, "PostgreSQL storage"): one row per entry
/// holding its exact canonical bytes, one per stored tree hash, one per checkpoint. Reads
/// see only committed transactions, and a batch's entries, hashes and checkpoint commit in
/// one, so a reader never sees entries no checkpoint covers.
public final class PostgresStore: LedgerStore {
    /// Entries fetched per query while streaming. A reader holds two pages (the one it works
    /// through and the next, already asked for), so at most about 2 × 2,048 × 16 KiB.
    static let pageCount: Int64 = 2048
    public let postgresLocation: PostgresLocation
    let session: PostgresSession
    let ledgerID: Int64
    /// For a ledger `create` made: the schema version the database was at before, when it
    /// had an older one and `create` migrated it (nil for a new schema or a current one).
    public private(set) var migratedFromVersion: Int?

    private init(location: PostgresLocation, session: PostgresSession, ledgerID: Int64) {
        self.postgresLocation = location
        self.session = session
        self.ledgerID = ledgerID
    }

    /// The schema version this binary writes and reads.
    public static var schemaVersion: Int { PostgresSchema.version }

    /// Brings the database's schema to this binary's version (`civic migrate`); refuses a
    /// newer one. Returns the version it was at.
    public static func migrateSchema(_ location: PostgresLocation) throws -> Int {
        let session = try PostgresSession.connect(location)
        defer { session.close() }
        return try PostgresSchema.migrate(session)
    }

    deinit { session.close() }

    /// An existing ledger; the database must hold this binary's schema.
    public static func open(_ location: PostgresLocation) throws -> PostgresStore {
        let session = try PostgresSession.connect(location)
        do {
            try PostgresSchema.require(session)
            let rows = try session.query("SELECT ledger_id FROM civic_ledgers WHERE name = \(location.ledger)").rows
            guard let row = rows.first else {
                throw LedgerError(.notALedger, "\(location.description): the database holds no ledger \(location.ledger); create it with civic init")
            }
            return PostgresStore(location: location, session: session, ledgerID: try row.decode(Int64.self))
        } catch {
            session.close()
            throw error
        }
    }

    /// Creates the schema when missing (or migrates it) and a new, empty ledger named by the
    /// location; refused when the ledger exists already.
    public static func create(_ location: PostgresLocation) throws -> PostgresStore {
        let session = try PostgresSession.connect(location)
        do {
            let before = try PostgresSchema.migrate(session, creating: location.ledger)
            let rows = try session.query("""
                INSERT INTO civic_ledgers (name) VALUES (\(location.ledger))
                ON CONFLICT (name) DO NOTHING RETURNING ledger_id
                """).rows
            guard let row = rows.first else {
                throw LedgerError(.notALedger, "\(location.description): the database already holds a ledger \(location.ledger)")
            }
            let store = PostgresStore(location: location, session: session, ledgerID: try row.decode(Int64.self))
            store.migratedFromVersion = (1..<PostgresSchema.version).contains(before) ? before : nil
            return store
        } catch {
            session.close()
            throw error
        }
    }

    public var location: String { postgresLocation.description }

    public func checkpointSizes() throws -> [UInt64] {
        try session.query("SELECT size FROM civic_checkpoints WHERE ledger_id = \(ledgerID) ORDER BY size").rows.map {
            try PostgresStore.unsigned(try $0.decode(Int64.self), what: "checkpoint size")
        }
    }

    public func checkpointBytes(size: UInt64) throws -> [UInt8] {
        let rows = try session.query("SELECT note FROM civic_checkpoints WHERE ledger_id = \(ledgerID) AND size = \(try PostgresStore.signed(size))").rows
        guard let row = rows.first else {
            throw LedgerError(.usage, "\(location) has no checkpoint at size \(size)")
        }
        let note = try row.decode(ByteBuffer.self)
        guard note.readableBytes <= SignedNote.byteCountMax else {
            throw LedgerError(.corrupt, "\(location): the checkpoint at size \(size) is over \(SignedNote.byteCountMax) bytes")
        }
        return Array(note.readableBytesView)
    }

    public func forEachEntry(in range: Range<UInt64>, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        guard !range.isEmpty else { return }
        let end = try PostgresStore.signed(range.upperBound)
        var next = try PostgresStore.signed(range.lowerBound)
        // One page ahead: the database reads and sends page k + 1 while `body` works through
        // page k, so at most two pages are in memory.
        var pending = try sendPage(from: next, end: end)
        while next < end {
            let pageEnd = min(end, next + PostgresStore.pageCount)
            let rows = try session.wait(pending)
            if pageEnd < end { pending = try sendPage(from: pageEnd, end: end) }
            for row in rows {
                let (seq, bytes) = try row.decode((Int64, ByteBuffer).self)
                guard seq == next else {
                    throw LedgerError(.corrupt, "\(location): entry \(next) is missing from civic_entries")
                }
                guard bytes.readableBytes <= EntryLimits.entryByteCountMax else {
                    throw LedgerError(.corrupt, "\(location): entry \(seq) is over \(EntryLimits.entryByteCountMax) bytes")
                }
                try body(UInt64(seq), Array(bytes.readableBytesView)[...])
                next += 1
            }
            guard next == pageEnd else {
                throw LedgerError(.corrupt, "\(location): entry \(next) is missing from civic_entries")
            }
        }
    }

    /// Starts the query for the page of entries from `first` (at most `pageCount`, below `end`).
    private func sendPage(from first: Int64, end: Int64) throws -> EventLoopFuture<PostgresQueryResult> {
        try session.send("""
            SELECT seq, bytes FROM civic_entries
            WHERE ledger_id = \(ledgerID) AND seq >= \(first) AND seq < \(min(end, first + PostgresStore.pageCount)) ORDER BY seq
            """)
    }

    public func treeHashes() throws -> any HashReader {
        PostgresHashReader(session: session, ledgerID: ledgerID)
    }

    public func seq(id: String) throws -> UInt64? {
        try PostgresStore.seq(id: id, session: session, ledgerID: ledgerID)
    }

    /// The row found by its `entry_id` is believed only when its bytes carry that id at that
    /// seq (the column is not signed; `verify` checks every row of it). Most lookups find no
    /// row (a new id), so the bytes are read only for a retry.
    static func seq(id: String, session: PostgresSession, ledgerID: Int64) throws -> UInt64? {
        let rows = try session.query("SELECT seq, bytes FROM civic_entries WHERE ledger_id = \(ledgerID) AND entry_id = \(ByteBuffer(string: id))").rows
        guard let row = rows.first else { return nil }
        let (seq, bytes) = try row.decode((Int64, ByteBuffer).self)
        let location = session.location.description
        guard bytes.readableBytes <= EntryLimits.entryByteCountMax else {
            throw LedgerError(.corrupt, "\(location): entry \(seq) is over \(EntryLimits.entryByteCountMax) bytes")
        }
        let entry: Entry
        do { entry = try Entry.decode(Array(bytes.readableBytesView)) } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(location): entry \(seq) cannot be decoded: \(error.message)")
        }
        guard entry.body.id == id, Int64(exactly: entry.seq) == seq else {
            throw LedgerError.integrity(.store, "\(location): entry \(seq): its civic_entries.entry_id does not match the id in its bytes (civic verify checks every row)")
        }
        return try unsigned(seq, what: "seq")
    }

    public func derivedState(_ name: String) throws -> (size: UInt64, state: JSONValue)? {
        let rows = try session.query("SELECT state FROM civic_derived_state WHERE ledger_id = \(ledgerID) AND name = \(name)").rows
        guard let row = rows.first else { return nil }
        let bytes = try row.decode(ByteBuffer.self)
        guard bytes.readableBytes <= DerivedState.byteCountMax else { return nil }
        return DerivedState.decode(Array(bytes.readableBytesView))
    }

    public func openWriter() throws -> any LedgerStoreWriter {
        PostgresStoreWriter(store: self)
    }

    /// Removes the ledger and everything in it (tests and `civic copy` clean-up only).
    public func drop() throws {
        try session.transaction {
            for table in ["civic_tokens", "civic_donor_records", "civic_derived_state", "civic_checkpoints", "civic_tree_hashes", "civic_entries"] {
                try session.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE ledger_id = \(ledgerID)"))
            }
            try session.query("DELETE FROM civic_ledgers WHERE ledger_id = \(ledgerID)")
        }
    }

    static func signed(_ value: UInt64) throws -> Int64 {
        guard let value = Int64(exactly: value) else { throw LedgerError(.usage, "\(value) is past the largest bigint") }
        return value
    }

    static func unsigned(_ value: Int64, what: String) throws -> UInt64 {
        guard let value = UInt64(exactly: value) else { throw LedgerError(.corrupt, "a stored \(what) is negative") }
        return value
    }
}
