import CivicLedger
@testable import CivicPostgres
import Foundation
import PostgresNIO
import XCTest

/// The columns kept beside the entry bytes are not signed: a lookup by id believes
/// `entry_id` only when the bytes agree, and the verifier checks every row of it and the
/// ledger row (the CLI suite `PostgresVerifyCLITests` changes each column in turn).
extension PostgresStoreTests {
    private func forgedLedger() throws -> (PostgresStore, NoteSigner) {
        let (store, _, signer) = try StoreConformance { try PostgresStore.create(try self.cluster().newLocation("trusted")) }
            .makeLedger(donations: 3)
        let postgres = try XCTUnwrap(store as? PostgresStore)
        try postgres.session.query("UPDATE civic_entries SET entry_id = \(ByteBuffer(string: "forged")) WHERE ledger_id = \(postgres.ledgerID) AND seq = 1")
        return (postgres, signer)
    }

    func testLookupByIDChecksTheBytes() throws {
        let (store, _) = try forgedLedger()
        XCTAssertThrowsError(try store.seq(id: "forged")) { error in
            XCTAssertEqual((error as? LedgerError)?.integrity, .store)
            XCTAssertTrue((error as? LedgerError)?.message.contains("entry 1: its civic_entries.entry_id does not match the id in its bytes") ?? false, "\(error)")
        }
        XCTAssertEqual(try store.seq(id: "d1"), 2)
    }

    func testVerifierChecksEveryStoredID() throws {
        let (store, signer) = try forgedLedger()
        XCTAssertThrowsError(try StoreVerifier(store: store, verifiers: [signer.verifier]).verify()) { error in
            XCTAssertEqual((error as? LedgerError)?.integrity, .store)
            XCTAssertTrue((error as? LedgerError)?.message.hasSuffix("entry 1: its civic_entries.entry_id does not match the id in its bytes") ?? false, "\(error)")
            XCTAssertFalse("\(error)".contains("forged"))
        }
    }

    func testVerifierChecksTheLedgerRow() throws {
        let (store, _, signer) = try StoreConformance { try PostgresStore.create(try self.cluster().newLocation("edge")) }.makeLedger(donations: 2)
        let postgres = try XCTUnwrap(store as? PostgresStore)
        XCTAssertEqual(try StoreVerifier(store: store, verifiers: [signer.verifier]).verify().size, 3)
        try postgres.session.query("UPDATE civic_ledgers SET last_time = '2000-01-01T00:00:00Z' WHERE ledger_id = \(postgres.ledgerID)")
        XCTAssertThrowsError(try StoreVerifier(store: store, verifiers: [signer.verifier]).verify()) { error in
            XCTAssertEqual((error as? LedgerError)?.integrity, .store)
            XCTAssertTrue((error as? LedgerError)?.message.contains("civic_ledgers.last_time does not match the time of entry 2, the last one") ?? false, "\(error)")
        }
    }
}
