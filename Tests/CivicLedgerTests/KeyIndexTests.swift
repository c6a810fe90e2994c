import Foundation
import Testing
@testable import CivicLedger

/// `state/keys.json`, the index of key entries that proofs and receipts read instead of the log.
@Suite struct KeyIndexTests {
    private func indexPath(_ ledger: RotatedLedger) -> String {
        DerivedState.path(LedgerLayout(directory: ledger.fixture.directory), name: KeyIndex.name)
    }

    private func writeIndex(_ ledger: RotatedLedger, size: UInt64, seqs: [UInt64]) throws {
        try FileSystem.writeAtomically(KeyIndex.encode(size: size, seqs: seqs), to: indexPath(ledger))
    }

    /// Every receipt of seq 8 for every checkpoint, as text.
    private func receipts(_ ledger: RotatedLedger) throws -> [String] {
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        return try reader.checkpointSizes.filter { $0 > 8 }.map { try DonorReceipt.make(reader: reader, seq: 8, size: $0).text }
            + [try TlogProof.make(reader: reader, seq: 1).text]
    }

    @Test func rotationWritesTheIndexBeforeItsCheckpoint() throws {
        let ledger = try RotatedLedger()
        let saved = try #require(try LedgerReader(directory: ledger.fixture.directory).derivedState(KeyIndex.name))
        // Covers the second rotation's batch (size 8), naming both key entries.
        #expect(saved.size == 8 && saved.state == .array([.integer(4), .integer(7)]))
    }

    @Test func deletedIndexGivesIdenticalProofsAndIsRebuiltOnOpen() throws {
        let ledger = try RotatedLedger()
        let withIndex = try receipts(ledger)
        try FileManager.default.removeItem(atPath: indexPath(ledger))
        #expect(try receipts(ledger) == withIndex)
        _ = try LedgerWriter.open(directory: ledger.fixture.directory, signer: ledger.keys[2])
        let rebuilt = try #require(try LedgerReader(directory: ledger.fixture.directory).derivedState(KeyIndex.name))
        #expect(rebuilt.size == 10 && rebuilt.state == .array([.integer(4), .integer(7)]))
        #expect(try receipts(ledger) == withIndex)
    }

    @Test func indexAheadOfTheLedgerIsIgnoredAndRebuilt() throws {
        let ledger = try RotatedLedger()
        let expected = try receipts(ledger)
        try writeIndex(ledger, size: 99, seqs: [4])   // a rotation whose checkpoint was never signed
        #expect(try receipts(ledger) == expected)
        _ = try LedgerWriter.open(directory: ledger.fixture.directory, signer: ledger.keys[2])
        #expect(try LedgerReader(directory: ledger.fixture.directory).derivedState(KeyIndex.name)?.size == 10)
    }

    @Test func indexNamingANonKeyEntryIsAnError() throws {
        let ledger = try RotatedLedger()
        try writeIndex(ledger, size: 10, seqs: [4, 5])
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        let error = try #require(throws: LedgerError.self) { try DonorReceipt.make(reader: reader, seq: 8, size: 10) }
        #expect(error.code == .corrupt && error.message.contains("not a key entry"))
    }

    @Test func indexHidingARotationMakesNoReceiptThatVerifies() throws {
        let ledger = try RotatedLedger()
        try writeIndex(ledger, size: 10, seqs: [4])   // hides the rotation at seq 7
        let reader = try LedgerReader(directory: ledger.fixture.directory)
        // The proof maker's own check of the checkpoint from the pinned key fails.
        #expect(throws: LedgerError.self) { try reader.checkpoint(size: 10, verifiers: [ledger.pinned]) }
        // A receipt made anyway lacks key-2's entry and fails the verifier's own chain check.
        let receipt = try DonorReceipt.make(reader: reader, seq: 8, size: 10)
        let parsed = try DonorReceipt.parse(Array(receipt.text.utf8))
        let error = try #require(throws: LedgerError.self) { try parsed.verify(verifiers: [ledger.pinned]) }
        #expect(error.code == .invalidProof || error.integrity == .signature, "\(error.message)")
        // verify reads the whole log, finds both rotations, and names the index that hid one.
        let found = try #require(throws: LedgerError.self) { try ledger.verify() }
        #expect(found.integrity == .store && found.message.contains("keys.json") && found.message.contains("differ at seq 7"),
                "\(found.message)")
    }

    /// An index rewritten whole (its checksum too) that omits, adds or moves a rotation is a
    /// verify failure naming the first seq where index and log differ; the genuine one passes,
    /// and so does one covering less of the log than the ledger holds (rotations at or above
    /// its size are not its claim).
    @Test func verifyComparesTheIndexWithTheRotationsItScans() throws {
        let ledger = try RotatedLedger()
        #expect(try ledger.verify().keys.rotations.map(\.seq) == [4, 7])
        for (seqs, differs) in [([UInt64](), 4), ([7], 4), ([4, 5, 7], 5), ([4, 6], 6), ([4, 7, 9], 9), ([3, 7], 3)] as [([UInt64], UInt64)] {
            try writeIndex(ledger, size: 10, seqs: seqs)
            let error = try #require(throws: LedgerError.self) { try ledger.verify() }
            #expect(error.integrity == .store && error.message.contains("differ at seq \(differs)"), "\(seqs): \(error.message)")
        }
        try writeIndex(ledger, size: 6, seqs: [4])
        #expect(try ledger.verify().keys.rotations.map(\.seq) == [4, 7])
    }
}
