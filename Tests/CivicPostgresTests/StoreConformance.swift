import CivicLedger
import XCTest

/// The storage protocol's conformance checks. Each engine's test class runs every one of
/// them against a fresh ledger of its own engine (`DirectoryStoreTests`, `PostgresStoreTests`).
struct StoreConformance {
    /// A new, empty ledger of the engine under test.
    let makeEmpty: () throws -> any LedgerStore

    /// A ledger holding a genesis and `count` donations in one later batch.
    func makeLedger(donations count: Int) throws -> (any LedgerStore, any LedgerStoreWriter, NoteSigner) {
        let store = try makeEmpty()
        let writer = try store.openWriter()
        let signer = try StoreFixture.signer()
        try StoreFixture.append([try StoreFixture.genesis(signer)], to: writer, signer: signer)
        if count > 0 { try StoreFixture.append(try StoreFixture.donations(count, prefix: "d"), to: writer, signer: signer) }
        return (store, writer, signer)
    }

    /// Appended entries read back in order with a chain of `prev` hashes; each batch has one
    /// checkpoint, signed by the writer's key, whose root the stored tree gives.
    func appendAndReadBack() throws {
        let (store, _, signer) = try makeLedger(donations: 5)
        XCTAssertEqual(try store.checkpointSizes(), [1, 6])
        let entries = try StoreFixture.entries(of: store)
        XCTAssertEqual(entries.count, 6)
        var prev = Hash32.zero
        let hasher = MerkleHasher()
        for (seq, bytes) in entries.enumerated() {
            let entry = try Entry.decode(bytes)
            XCTAssertEqual(entry.seq, UInt64(seq))
            XCTAssertEqual(entry.prev, prev)
            XCTAssertEqual(entry.canonicalBytes(), bytes, "stored bytes are the exact canonical bytes")
            prev = hasher.leafHash(bytes)
        }
        let note = try SignedNote.parse(try store.checkpointBytes(size: 6))
        _ = try note.verify([signer.verifier])
        let checkpoint = try Checkpoint(text: note.text)
        let restored = try TreeBuilder(restoringSize: 6, reader: try store.treeHashes())
        XCTAssertEqual(restored.root(hasher: hasher), checkpoint.root)
        XCTAssertEqual(try store.treeHashes().readHashes(at: [StoredHashes.index(level: 0, n: 5)]), [prev])
    }

    /// A range read returns exactly that range, and one past the log's end is an error.
    func rangeReads() throws {
        let (store, _, _) = try makeLedger(donations: 9)
        var seen: [UInt64] = []
        try store.forEachEntry(in: 3..<7) { seq, _ in seen.append(seq) }
        XCTAssertEqual(seen, [3, 4, 5, 6])
        XCTAssertThrowsError(try store.forEachEntry(in: 5..<11) { _, _ in })
    }

    /// Inclusion proofs built from the stored hashes verify against the checkpoint's root.
    func proofsFromStoredHashes() throws {
        let (store, _, _) = try makeLedger(donations: 12)
        let entries = try StoreFixture.entries(of: store)
        let checkpoint = try Checkpoint(text: try SignedNote.parse(try store.checkpointBytes(size: 13)).text)
        for seq in [0, 5, 12] {
            let proof = try MerkleProof.inclusion(index: Int64(seq), treeSize: 13, reader: try store.treeHashes())
            try MerkleProof.verifyInclusion(leafHash: MerkleHasher().leafHash(entries[seq]), index: Int64(seq), treeSize: 13,
                                            proof: proof, root: checkpoint.root)
        }
    }

    /// Ids are looked up; the same body again is not written twice; the same id with another
    /// payload refuses the whole batch and writes nothing.
    func idsAndIdempotence() throws {
        let (store, writer, signer) = try makeLedger(donations: 3)
        XCTAssertEqual(try store.seq(id: "d1"), 2)
        XCTAssertNil(try store.seq(id: "absent"))
        let again = try StoreFixture.append(try StoreFixture.donations(3, prefix: "d"), to: writer, signer: signer)
        XCTAssertEqual(again.appendedCount, 0)
        XCTAssertEqual(again.seqs, [1, 2, 3])
        let changed = try StoreFixture.donations(2, prefix: "e") + (try StoreFixture.donations(1, prefix: "d", amountBase: 7))
        XCTAssertThrowsError(try StoreFixture.append(changed, to: writer, signer: signer)) { error in
            XCTAssertEqual((error as? LedgerError)?.code, .refused)
        }
        XCTAssertEqual(try store.checkpointSizes(), [1, 4])
        XCTAssertNil(try store.seq(id: "e0"), "a refused batch leaves no entry behind")
    }

    /// A business rule refusing one entry refuses its batch; the writer goes on afterwards.
    func refusedBatchLeavesNothing() throws {
        let (store, writer, signer) = try makeLedger(donations: 0)
        var rule = RefuseID(refusedID: "x1")
        var size: UInt64? = 1
        let appender = StoreAppender(writer: writer, signer: signer)
        XCTAssertThrowsError(try appender.append(try StoreFixture.donations(3, prefix: "x"), validator: &rule, validatorSize: &size))
        XCTAssertEqual(try store.checkpointSizes(), [1])
        XCTAssertNil(try store.seq(id: "x0"))
        let result = try appender.append(try StoreFixture.donations(1, prefix: "y"), validator: &rule, validatorSize: &size)
        XCTAssertEqual(result.seqs, [1])
    }

    /// A pool commits as one batch under one checkpoint; a refused request (a rule, or an id
    /// reused with another payload in the pool) leaves no trace and does not sink the others;
    /// an id repeated across requests of the pool gets the seq of its first acceptance.
    func poolRefusesRequestsOnly() throws {
        let (store, writer, signer) = try makeLedger(donations: 0)
        var rule = RefuseID(refusedID: "b1")
        var size: UInt64? = 1
        let appender = StoreAppender(writer: writer, signer: signer)
        let first = try StoreFixture.donations(2, prefix: "a")
        let result = try appender.appendPool([
            first, try StoreFixture.donations(2, prefix: "b"), try StoreFixture.donations(1, prefix: "a", amountBase: 7),
            [first[1]] + (try StoreFixture.donations(1, prefix: "c")),
        ], validator: &rule, validatorSize: &size)
        XCTAssertEqual(try result.outcomes[0].get(), [1, 2])
        XCTAssertThrowsError(try result.outcomes[1].get()) { XCTAssertTrue(($0 as? LedgerError)?.message.hasPrefix("TEST-RULE") == true) }
        XCTAssertThrowsError(try result.outcomes[2].get()) { XCTAssertTrue(($0 as? LedgerError)?.message.hasPrefix("STD-IDEMP") == true) }
        XCTAssertEqual(try result.outcomes[3].get(), [2, 3])
        XCTAssertEqual(result.appendedCount, 3)
        XCTAssertEqual(try store.checkpointSizes(), [1, 4])
        XCTAssertEqual(size, 4)
        XCTAssertNil(try store.seq(id: "b0"))
        XCTAssertEqual(try StoreVerifier(store: store, verifiers: [signer.verifier]).verify().size, 4)
        let again = try appender.appendPool([first], validator: &rule, validatorSize: &size)
        XCTAssertEqual(try again.outcomes[0].get(), [1, 2])
        XCTAssertNil(again.checkpoint)
    }

    /// Derived state round-trips with the size it covers; a checkpoint may be replaced by
    /// the same text with a cosignature added.
    func derivedStateAndCosignatures() throws {
        let (store, writer, _) = try makeLedger(donations: 2)
        XCTAssertNil(try store.derivedState("book"))
        try writer.saveDerivedState("book", size: 3, state: .object(["total": .integer(2001)]))
        let saved = try store.derivedState("book")
        XCTAssertEqual(saved?.size, 3)
        XCTAssertEqual(saved?.state, .object(["total": .integer(2001)]))
        let note = try SignedNote.parse(try store.checkpointBytes(size: 3))
        let witness = try CosignatureSigner.generate(name: "witness.example.org")
        let cosigned = SignedNote(text: note.text, signatures: note.signatures + [try witness.cosignature(text: note.text, timestamp: 1_700_000_000)])
        try writer.replaceCheckpoint(cosigned, size: 3)
        XCTAssertEqual(try store.checkpointBytes(size: 3), Array(cosigned.serialized.utf8))
        XCTAssertThrowsError(try writer.replaceCheckpoint(cosigned, size: 2))
    }

    /// Copying into an empty ledger of the engine under test and back out gives the same
    /// bytes, checkpoints (with cosignatures) and tree.
    func copyRoundTrip(into other: () throws -> any LedgerStore) throws {
        let (source, writer, signer) = try makeLedger(donations: 4)
        try StoreFixture.append(try StoreFixture.donations(3, prefix: "late"), to: writer, signer: signer)
        let copy = try other()
        let report = try StoreCopy.copy(from: source, to: try copy.openWriter())
        XCTAssertEqual(report.entryCount, 8)
        XCTAssertEqual(report.checkpointCount, 3)
        XCTAssertEqual(try StoreFixture.entries(of: copy), try StoreFixture.entries(of: source))
        XCTAssertEqual(try copy.checkpointSizes(), try source.checkpointSizes())
        for size in try source.checkpointSizes() {
            XCTAssertEqual(try copy.checkpointBytes(size: size), try source.checkpointBytes(size: size))
        }
        let indexes = (0..<StoredHashes.count(treeSize: 8)).map { $0 }
        XCTAssertEqual(try copy.treeHashes().readHashes(at: indexes), try source.treeHashes().readHashes(at: indexes))
        XCTAssertEqual(try copy.seq(id: "late2"), 7)
        XCTAssertThrowsError(try StoreCopy.copy(from: source, to: try copy.openWriter()), "a copy needs an empty ledger")
    }
}
