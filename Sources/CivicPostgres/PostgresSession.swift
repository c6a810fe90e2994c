import CivicLedger
import Logging
import PostgresNIO

/// One connection to the database, used synchronously: the ledger's code is synchronous,
/// so each query waits on its future from the calling thread (never an event loop thread).
final class PostgresSession: @unchecked Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    /// Library modules never print: swift-log's default handler would write to stderr.
    static let logger = Logger(label: "civic.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    static func connect(_ location: PostgresLocation) throws -> PostgresSession {
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
            let connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger).wait()
            let session = PostgresSession(location: location, connection: connection)
            // Said explicitly, whatever the server's default: a batch is acknowledged only
            // once its commit is flushed to the primary's WAL.
            try session.query("SET synchronous_commit TO on")
            return session
        } catch {
            throw PostgresSession.ledgerError(error, location: location, doing: "cannot connect")
        }
    }

    /// Runs `query` and returns all its rows (callers bound the row count with LIMIT or a range).
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try connection.query(query, logger: PostgresSession.logger).wait()
        } catch {
            throw PostgresSession.ledgerError(error, location: location, doing: "query failed")
        }
    }

    /// Sends `query` without waiting for it; `wait(_:)` takes its rows. The connection runs its
    /// queries in order, so a reader can ask for its next page before it works through this one.
    func send(_ query: PostgresQuery) -> EventLoopFuture<PostgresQueryResult> {
        connection.query(query, logger: PostgresSession.logger)
    }

    /// The rows of a query `send(_:)` started.
    func wait(_ pending: EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult {
        do {
            return try pending.wait()
        } catch {
            throw PostgresSession.ledgerError(error, location: location, doing: "query failed")
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Value>(_ body: () throws -> Value) throws -> Value {
        try query("BEGIN")
        let value: Value
        do {
            value = try body()
        } catch {
            // The body's error is the one to report; a failed rollback leaves the
            // transaction aborted, which closing the connection ends all the same.
            do { try query("ROLLBACK") } catch { close() }
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
