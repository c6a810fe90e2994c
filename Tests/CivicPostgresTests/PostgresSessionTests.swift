import CivicLedger
@testable import CivicPostgres
import Foundation
import PostgresNIO
import XCTest

/// What `PostgresSession` promises beyond running queries: a connection the server ended
/// between transactions is replaced before the next query, and no query outlasts its bound.
extension PostgresStoreTests {
    private func backendID(_ session: PostgresSession) throws -> Int32 {
        try XCTUnwrap(try session.query("SELECT pg_backend_pid()").rows.first).decode(Int32.self)
    }

    /// The server ends the session (as a restart or an operator would) while no transaction
    /// is open: the next query runs on a new connection and succeeds.
    func testSessionReconnectsAfterTheServerDropsIt() throws {
        let location = try cluster().newLocation("session")
        let session = try PostgresSession.connect(location)
        defer { session.close() }
        let other = try PostgresSession.connect(location)
        defer { other.close() }
        let first = try backendID(session)
        let ended = try XCTUnwrap(try other.query("SELECT pg_terminate_backend(\(first))").rows.first).decode(Bool.self)
        XCTAssertTrue(ended)
        try session.connectionClosed.wait()
        let second = try backendID(session)
        XCTAssertNotEqual(first, second)
        // The new connection is set up as the first was.
        let commit = try XCTUnwrap(try session.query("SHOW synchronous_commit").rows.first).decode(String.self)
        XCTAssertEqual(commit, "on")
    }

    /// Inside a transaction the drop is the caller's to hear of: the transaction went with it.
    func testSessionReportsADropInsideATransaction() throws {
        let location = try cluster().newLocation("session")
        let session = try PostgresSession.connect(location)
        defer { session.close() }
        let other = try PostgresSession.connect(location)
        defer { other.close() }
        XCTAssertThrowsError(try session.transaction {
            try other.query("SELECT pg_terminate_backend(\(try self.backendID(session)))")
            try session.connectionClosed.wait()
            try session.query("SELECT 1")
        })
        XCTAssertEqual(try XCTUnwrap(try session.query("SELECT 1").rows.first).decode(Int32.self), 1)
    }

    /// A query slower than the session's bound fails with an error naming the bound (not a
    /// hang), its connection is closed, and the next query succeeds on a new one.
    func testSlowQueryFailsAtTheBound() throws {
        let location = try cluster().newLocation("session")
        let session = try PostgresSession.connect(location, queryTimeout: .milliseconds(300))
        defer { session.close() }
        let first = try backendID(session)
        XCTAssertThrowsError(try session.query("SELECT pg_sleep(5)")) { error in
            let error = error as? LedgerError
            XCTAssertEqual(error?.code, .io)
            XCTAssertTrue(error?.message.contains("did not answer within 300 ms; the connection was closed") ?? false, "\(String(describing: error))")
        }
        XCTAssertNotEqual(try backendID(session), first)
        XCTAssertEqual(PostgresSession.duration(.seconds(60)), "60 s")
    }

    /// Each session acknowledges only flushed commits: a database whose default is weaker
    /// (`local`, `off`) gets `on`; one configured with `remote_apply` keeps it.
    func testSessionRaisesSynchronousCommitAndKeepsRemoteApply() throws {
        let base = try cluster().baseURL
        let admin = try PostgresSession.connect(try PostgresLocation(base + "?ledger=admin"))
        defer { admin.close() }
        for (setting, expected) in [("off", "on"), ("local", "on"), ("remote_apply", "remote_apply")] {
            let database = "commit_\(UUID().uuidString.prefix(8).lowercased())"
            try admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
            try admin.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(database) SET synchronous_commit = \(setting)"))
            let url = String(base[..<base.lastIndex(of: "/")!]) + "/" + database
            let session = try PostgresSession.connect(try PostgresLocation(url + "?ledger=one"))
            defer { session.close() }
            let shown = try XCTUnwrap(try session.query("SHOW synchronous_commit").rows.first).decode(String.self)
            XCTAssertEqual(shown, expected, setting)
        }
    }
}
