import CivicLedger
@testable import CivicPostgres
import Foundation
import PostgresNIO
import XCTest

/// What a writer of a shared PostgreSQL ledger must survive besides taking turns
/// (`PostgresStoreTests.testTwoWritersShareOneLedger`): an edge another process moved since
/// its last batch, and a transaction that fails after some of its rows were inserted.
extension PostgresStoreTests {
    private func location(_ label: String) throws -> PostgresLocation {
        try cluster().newLocation(label)
    }

    /// Writer A caches its edge at size 2; writer B then moves the log to 5. A's next batch
    /// must follow entry 4 (seq, prev, tree), not its own stale edge, and the store verifies.
    func testStaleEdgeIsReread() throws {
        let location = try location("stale")
        let signer = try StoreFixture.signer()
        let first = try PostgresStore.create(location)
        let second = try PostgresStore.open(location)
        let writerA = try first.openWriter()
        let writerB = try second.openWriter()
        try StoreFixture.append([try StoreFixture.genesis(signer)] + StoreFixture.donations(1, prefix: "a"), to: writerA, signer: signer)
        try StoreFixture.append(try StoreFixture.donations(3, prefix: "b"), to: writerB, signer: signer)
        let result = try StoreFixture.append(try StoreFixture.donations(1, prefix: "c"), to: writerA, signer: signer)
        XCTAssertEqual(result.seqs, [5])
        let entries = try StoreFixture.entries(of: second)
        XCTAssertEqual(entries.count, 6)
        XCTAssertEqual(try Entry.decode(entries[5]).prev, MerkleHasher().leafHash(entries[4]))
        XCTAssertEqual(try first.checkpointSizes(), [2, 5, 6])
        let report = try StoreVerifier(store: try PostgresStore.open(location), verifiers: [signer.verifier]).verify()
        XCTAssertEqual(report.size, 6)
    }

    /// A checkpoint row planted at the size the batch will reach makes the batch's last
    /// insert fail after its entries and hashes went in: the transaction rolls back all of
    /// them, the ledger row keeps its size, and once the obstacle is gone the same writer
    /// appends at the right place.
    func testFailedTransactionLeavesNothing() throws {
        let location = try location("rollback")
        let signer = try StoreFixture.signer()
        let store = try PostgresStore.create(location)
        let writer = try store.openWriter()
        try StoreFixture.append([try StoreFixture.genesis(signer)], to: writer, signer: signer)
        let other = try PostgresStore.open(location)
        try other.session.query("INSERT INTO civic_checkpoints (ledger_id, size, note) VALUES (\(other.ledgerID), 3, \(ByteBuffer(string: "planted")))")
        XCTAssertThrowsError(try StoreFixture.append(try StoreFixture.donations(2, prefix: "x"), to: writer, signer: signer))
        XCTAssertEqual(try count("civic_entries", other), 1)
        XCTAssertEqual(try count("civic_tree_hashes", other), 1)
        let size = try other.session.query("SELECT size FROM civic_ledgers WHERE ledger_id = \(other.ledgerID)").rows.first?.decode(Int64.self)
        XCTAssertEqual(size, 1)
        XCTAssertNil(try other.seq(id: "x0"))
        try other.session.query("DELETE FROM civic_checkpoints WHERE ledger_id = \(other.ledgerID) AND size = 3")
        let result = try StoreFixture.append(try StoreFixture.donations(2, prefix: "x"), to: writer, signer: signer)
        XCTAssertEqual(result.seqs, [1, 2])
        let report = try StoreVerifier(store: other, verifiers: [signer.verifier]).verify()
        XCTAssertEqual(report.size, 3)
    }

    private func count(_ table: String, _ store: PostgresStore) throws -> Int64? {
        try store.session.query("SELECT count(*) FROM \(unescaped: table) WHERE ledger_id = \(store.ledgerID)").rows.first?.decode(Int64.self)
    }
}
