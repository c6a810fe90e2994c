import CivicLedger
import Foundation
import XCTest

/// The storage protocol's conformance suite against the embedded directory engine.
final class DirectoryStoreTests: XCTestCase {
    private var roots: [URL] = []

    private func newDirectory() -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("civic-store-\(UUID().uuidString)")
        roots.append(root)
        return root.path
    }

    private var conformance: StoreConformance {
        StoreConformance { try DirectoryStore.create(directory: self.newDirectory()) }
    }

    override func tearDown() {
        for root in roots { try? FileManager.default.removeItem(at: root) }
        roots = []
    }

    func testAppendAndReadBack() throws { try conformance.appendAndReadBack() }
    func testRangeReads() throws { try conformance.rangeReads() }
    func testProofsFromStoredHashes() throws { try conformance.proofsFromStoredHashes() }
    func testIdsAndIdempotence() throws { try conformance.idsAndIdempotence() }
    func testRefusedBatchLeavesNothing() throws { try conformance.refusedBatchLeavesNothing() }
    func testPoolRefusesRequestsOnly() throws { try conformance.poolRefusesRequestsOnly() }
    func testDerivedStateAndCosignatures() throws { try conformance.derivedStateAndCosignatures() }
    func testCopyRoundTrip() throws {
        try conformance.copyRoundTrip { try DirectoryStore.create(directory: self.newDirectory()) }
    }

    /// A directory has one writing process: a second writer is refused while the first lives.
    func testSecondWriterIsLocked() throws {
        let (store, writer, _) = try conformance.makeLedger(donations: 0)
        XCTAssertThrowsError(try DirectoryStore(directory: store.location).openWriter()) { error in
            XCTAssertEqual((error as? LedgerError)?.code, .locked)
        }
        withExtendedLifetime(writer) {}
    }

    /// A directory written through the store is a ledger the existing verifier accepts.
    func testStoreWrittenDirectoryVerifies() throws {
        let (store, _, signer) = try conformance.makeLedger(donations: 7)
        let report = try LedgerVerifier(directory: store.location, verifiers: [signer.verifier]).verify(heldCheckpoint: nil)
        XCTAssertEqual(report.size, 8)
    }
}
