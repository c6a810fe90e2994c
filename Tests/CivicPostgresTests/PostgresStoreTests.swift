import CivicLedger
@testable import CivicPostgres
import Foundation
import PostgresNIO
import XCTest

/// The storage protocol's conformance suite against PostgreSQL, and what only a shared
/// database does: several writers on one ledger, several ledgers in one database, schema
/// versions. Runs on a throwaway cluster (`TestCluster`).
final class PostgresStoreTests: XCTestCase {
    nonisolated(unsafe) private static var cluster: TestCluster?
    private var roots: [URL] = []

    override class func setUp() {
        super.setUp()
        do { cluster = try TestCluster.start() } catch { cluster = nil }
    }

    override class func tearDown() {
        cluster?.stop()
        cluster = nil
        super.tearDown()
    }

    override func tearDown() {
        for root in roots { try? FileManager.default.removeItem(at: root) }
        roots = []
    }

    func cluster() throws -> TestCluster {
        guard let cluster = PostgresStoreTests.cluster else {
            XCTFail("the throwaway PostgreSQL cluster did not start (Scripts/pg-cluster; Scripts/ensure-deps installs PostgreSQL)")
            throw LedgerError(.io, "no cluster")
        }
        return cluster
    }

    private var conformance: StoreConformance {
        StoreConformance { try PostgresStore.create(try self.cluster().newLocation("conformance")) }
    }

    func testAppendAndReadBack() throws { try conformance.appendAndReadBack() }
    func testRangeReads() throws { try conformance.rangeReads() }
    func testProofsFromStoredHashes() throws { try conformance.proofsFromStoredHashes() }
    func testIdsAndIdempotence() throws { try conformance.idsAndIdempotence() }
    func testRefusedBatchLeavesNothing() throws { try conformance.refusedBatchLeavesNothing() }
    func testPoolRefusesRequestsOnly() throws { try conformance.poolRefusesRequestsOnly() }
    func testDerivedStateAndCosignatures() throws { try conformance.derivedStateAndCosignatures() }
    func testCopyRoundTrip() throws {
        try conformance.copyRoundTrip { try PostgresStore.create(try self.cluster().newLocation("copy")) }
    }

    /// Directory → PostgreSQL → directory: the last copy is byte for byte the first ledger
    /// and passes the directory verifier under the original key.
    func testCopyBetweenEngines() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("civic-pgcopy-\(UUID().uuidString)")
        roots.append(root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let first = StoreConformance { try DirectoryStore.create(directory: root.appendingPathComponent("first").path) }
        let (source, writer, signer) = try first.makeLedger(donations: 6)
        withExtendedLifetime(writer) {}
        let database = try PostgresStore.create(try cluster().newLocation("between"))
        _ = try StoreCopy.copy(from: source, to: try database.openWriter())
        let back = try DirectoryStore.create(directory: root.appendingPathComponent("back").path)
        _ = try StoreCopy.copy(from: database, to: try back.openWriter())
        for name in ["entries/00000000000000000000.jsonl", "tree", "index", "checkpoints/00000000000000000007"] {
            XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent("back/\(name)")),
                           try Data(contentsOf: root.appendingPathComponent("first/\(name)")), name)
        }
        let report = try LedgerVerifier(directory: back.location, verifiers: [signer.verifier]).verify(heldCheckpoint: nil)
        XCTAssertEqual(report.size, 7)
    }

    /// Two writers (two connections, as two server processes) on one ledger take turns:
    /// each batch re-reads the edge under the row lock, so the log is one chain.
    func testTwoWritersShareOneLedger() throws {
        let location = try cluster().newLocation("shared")
        let signer = try StoreFixture.signer()
        let first = try PostgresStore.create(location)
        let second = try PostgresStore.open(location)
        let writers = [try first.openWriter(), try second.openWriter()]
        try StoreFixture.append([try StoreFixture.genesis(signer)], to: writers[0], signer: signer)
        let group = DispatchGroup()
        let failures = FailureList()
        for (index, writer) in writers.enumerated() {
            nonisolated(unsafe) let writer = writer
            DispatchQueue.global().async(group: group) {
                do {
                    for round in 0..<15 {
                        try StoreFixture.append(try StoreFixture.donations(2, prefix: "w\(index)-\(round)-"), to: writer, signer: signer)
                    }
                } catch {
                    failures.add(error)
                }
            }
        }
        group.wait()
        XCTAssertEqual(failures.count, 0)
        XCTAssertEqual(try first.checkpointSizes(), Array(stride(from: 1, through: 61, by: 2)).map(UInt64.init))
        let entries = try StoreFixture.entries(of: second)
        XCTAssertEqual(entries.count, 61)
        var prev = Hash32.zero
        for bytes in entries {
            XCTAssertEqual(try Entry.decode(bytes).prev, prev)
            prev = MerkleHasher().leafHash(bytes)
        }
        let root = try TreeBuilder(restoringSize: 61, reader: try first.treeHashes()).root(hasher: MerkleHasher())
        XCTAssertEqual(try Checkpoint(text: try SignedNote.parse(try first.checkpointBytes(size: 61)).text).root, root)
    }

    /// A writer whose validator lags (another process wrote) is handed the missing entries
    /// under the lock before its batch is judged, so its rules see the whole log.
    func testLaggingValidatorCatchesUp() throws {
        let location = try cluster().newLocation("catchup")
        let signer = try StoreFixture.signer()
        let first = try PostgresStore.create(location)
        try StoreFixture.append([try StoreFixture.genesis(signer)], to: try first.openWriter(), signer: signer)
        let lagging = StoreAppender(writer: try PostgresStore.open(location).openWriter(), signer: signer)
        var seen = IDRecorder()
        var seenSize: UInt64? = 1
        try StoreFixture.append(try StoreFixture.donations(2, prefix: "a"), to: try first.openWriter(), signer: signer)
        let result = try lagging.append(try StoreFixture.donations(1, prefix: "b"), validator: &seen, validatorSize: &seenSize)
        XCTAssertEqual(result.seqs, [3])
        XCTAssertEqual(seen.ids, ["a0", "a1", "b0"])
        XCTAssertEqual(seenSize, 4)
    }

    /// Ledgers in one database are separate: the same id in two of them is no conflict.
    func testLedgersShareADatabase() throws {
        let (one, _, _) = try conformance.makeLedger(donations: 2)
        let (two, _, _) = try conformance.makeLedger(donations: 3)
        XCTAssertEqual(try one.seq(id: "d1"), 2)
        XCTAssertEqual(try two.seq(id: "d2"), 3)
        XCTAssertNil(try one.seq(id: "d2"))
        XCTAssertThrowsError(try PostgresStore.create(try PostgresLocation(one.location))) { error in
            XCTAssertEqual((error as? LedgerError)?.code, .notALedger)
        }
    }

    /// A database whose schema is newer than this binary is refused, for reading and writing.
    func testNewerSchemaIsRefused() throws {
        let base = try cluster().baseURL
        let admin = try PostgresSession.connect(try PostgresLocation(base + "?ledger=admin"))
        let database = "schema_\(UUID().uuidString.prefix(8).lowercased())"
        try admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
        let url = String(base[..<base.lastIndex(of: "/")!]) + "/" + database
        let location = try PostgresLocation(url + "?ledger=one")
        _ = try PostgresStore.create(location)
        let session = try PostgresSession.connect(location)
        try session.query("INSERT INTO civic_schema_version (version) VALUES (\(Int32(PostgresSchema.version + 1)))")
        let attempts: [() throws -> Void] = [{ _ = try PostgresStore.open(location) },
                                             { _ = try PostgresStore.create(try PostgresLocation(url + "?ledger=two")) }]
        for attempt in attempts {
            XCTAssertThrowsError(try attempt()) { error in
                XCTAssertTrue((error as? LedgerError)?.message.contains("newer than this civic") ?? false, "\(error)")
            }
        }
        XCTAssertThrowsError(try PostgresStore.open(try PostgresLocation(base + "?ledger=never-created")))
    }

    /// Locations parse strictly and never show the password.
    func testLocationParsing() throws {
        let location = try PostgresLocation("postgresql://app:s%40cret@db.example:6543/civic?ledger=org-1")
        XCTAssertEqual(location.password, "s@cret")
        XCTAssertEqual(location.port, 6543)
        XCTAssertFalse(location.description.contains("cret"))
        for bad in ["postgresql://app@db/civic", "postgresql://app@db:99999/civic?ledger=a", "postgresql://db/civic?ledger=a",
                    "postgresql://app@db/civic?ledger=a/b", "postgresql://app@db/civic?ledger=%zz"] {
            XCTAssertThrowsError(try PostgresLocation(bad), bad)
        }
    }
}

/// Records the ids it admits, in order.
struct IDRecorder: EntryValidator {
    var ids: [String] = []
    mutating func admit(_ entry: Entry) throws { ids.append(entry.body.id) }
}

/// Errors collected from several threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func add(_ error: Error) { lock.withLock { errors.append(error) } }
    var count: Int { lock.withLock { errors.count } }
}
