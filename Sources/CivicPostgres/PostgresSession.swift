import CivicLedger
import Logging
import PostgresNIO

/// One connection to the database, used synchronously: the ledger's code is synchronous,
/// so each query waits on its future from the calling thread (never an event loop thread).
/// A connection the database dropped (a restart, a crash) is replaced before the next query
/// when no transaction was open on it; inside a transaction the caller hears of it, since
/// the transaction went with it. No query waits longer than `queryTimeout`.
final class PostgresSession: @unchecked Sendable {
    let location: PostgresLocation
    /// How long one query may take before it fails and its connection is closed.
    let queryTimeout: TimeAmount
    private var connection: PostgresConnection
    private var transactionOpen = false
    /// Library modules never print: swift-log's default handler would write to stderr.
    static let logger = Logger(label: "civic.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// PostgresNIO 1.33 can leave a query on a closed connection unanswered (its fix #487 was
    /// reverted, #501), and a half-open TCP connection never answers: past this, the query
    /// fails and the connection is closed, to be replaced. (Tests pass a shorter bound.)
    static let defaultQueryTimeout: TimeAmount = .seconds(60)

    private init(location: PostgresLocation, connection: PostgresConnection, queryTimeout: TimeAmount) {
        self.location = location
        self.connection = connection
        self.queryTimeout = queryTimeout
    }

    static func connect(_ location: PostgresLocation, queryTimeout: TimeAmount = defaultQueryTimeout) throws -> PostgresSession {
        precondition(queryTimeout > .zero, "a query needs time to answer")
        let session = PostgresSession(location: location, connection: try open(location), queryTimeout: queryTimeout)
        try session.setUp()
        return session
    }

    private static func open(_ location: PostgresLocation) throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        if let socket = location.socketDirectory {
            configuration = .init(unixSocketPath: socket + "/.s.PGSQL.\(location.port)", username: location.user,
                                  password: location.password, database: location.database)
        } else {
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw PostgresSession.ledgerError(error, location: location, doing: "cannot connect")
        }
    }

    /// Said explicitly, whatever the server's or role's default: a batch is acknowledged only
    /// once its commit is flushed to the primary's WAL (and to the synchronous standbys' WAL
    /// when `synchronous_standby_names` names any). `remote_apply`, which also waits for the
    /// standbys to apply it, is stronger and kept; anything weaker is raised to `on`.
    private func setUp() throws {
        try query("""
            SELECT set_config('synchronous_commit',
                CASE WHEN current_setting('synchronous_commit') = 'remote_apply' THEN 'remote_apply' ELSE 'on' END, false)
            """)
    }

    /// The connection to send on: the open one, or a new one when the database dropped it
    /// between transactions.
    private func usableConnection() throws -> PostgresConnection {
        guard connection.isClosed else { return connection }
        guard !closed, !transactionOpen else {
            throw LedgerError(.io, "\(location.description): the connection to the database was lost")
        }
        connection = try PostgresSession.open(location)
        try setUp()
        return connection
    }

    /// Runs `query` and returns all its rows (callers bound the row count with LIMIT or a range).
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try wait(try send(query))
    }

    /// Sends `query` without waiting for it; `wait(_:)` takes its rows. The connection runs its
    /// queries in order, so a reader can ask for its next page before it works through this one.
    func send(_ query: PostgresQuery) throws -> EventLoopFuture<PostgresQueryResult> {
        try usableConnection().query(query, logger: PostgresSession.logger)
    }

    /// The rows of a query `send(_:)` started, within `queryTimeout`.
    func wait(_ pending: EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult {
        let answer = pending.eventLoop.makePromise(of: PostgresQueryResult.self)
        pending.cascade(to: answer)
        // Whichever comes first completes the promise; the other is then ignored.
        let timeout = pending.eventLoop.scheduleTask(in: queryTimeout) { answer.fail(QueryTimeout()) }
        defer { timeout.cancel() }
        do {
            return try answer.futureResult.wait()
        } catch is QueryTimeout {
            // Closed before this returns, so the next query (outside a transaction) opens a
            // new connection. Closing is local; a failure to close leaves it closed as well.
            do { try connection.close().wait() } catch {}
            throw LedgerError(.io, "\(location.description): the database did not answer within \(PostgresSession.duration(queryTimeout)); the connection was closed")
        } catch {
            throw PostgresSession.ledgerError(error, location: location, doing: "query failed")
        }
    }

    private struct QueryTimeout: Error {}

    /// `amount` for a message: whole seconds, or milliseconds below a second.
    static func duration(_ amount: TimeAmount) -> String {
        let milliseconds = amount.nanoseconds / 1_000_000
        return milliseconds < 1000 || milliseconds % 1000 != 0 ? "\(milliseconds) ms" : "\(milliseconds / 1000) s"
    }

    /// Completes once the current connection has closed, whoever closed it (tests wait on it
    /// after the server ended the session).
    var connectionClosed: EventLoopFuture<Void> { connection.closeFuture }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Value>(_ body: () throws -> Value) throws -> Value {
        try query("BEGIN")
        transactionOpen = true
        defer { transactionOpen = false }
        let value: Value
        do {
            value = try body()
        } catch {
            // The body's error is the one to report; a failed rollback leaves the
            // transaction aborted, which dropping the connection ends all the same (the next
            // query opens a new one).
            do { try query("ROLLBACK") } catch { connection.close().whenComplete { _ in } }
            throw error
        }
        try query("COMMIT")
        return value
    }

    private var closed = false

    deinit { close() }

    /// Closes the connection and waits for it (PostgresNIO requires a connection to be closed
    /// before it is released). A failure to close is not reported: the server ends the
    /// session on its side either way, rolling back any open transaction.
    func close() {
        guard !closed else { return }
        closed = true
        do { try connection.close().wait() } catch {}
    }

    /// A server error's message and SQLSTATE (never its detail, which may quote row values).
    static func ledgerError(_ error: Error, location: PostgresLocation, doing: String) -> LedgerError {
        if let error = error as? LedgerError { return error }
        guard let psql = error as? PSQLError else {
            return LedgerError(.io, "\(location.description): \(doing): \(error)")
        }
        guard let info = psql.serverInfo else {
            return LedgerError(.io, "\(location.description): \(doing): \(psql.code)")
        }
        return LedgerError(.io, "\(location.description): \(doing): \(info[.message] ?? "server error") (SQLSTATE \(info[.sqlState] ?? "?"))")
    }
}
