import Foundation
import Testing
@testable import CivicLedger

/// Each checkpoint's signed link to the kept one before it: deleting a kept checkpoint
/// below the newest is detected; what is not detectable is pinned down too.
@Suite struct CheckpointChainTests {
    static func path(_ size: UInt64) -> String { "checkpoints/" + String(format: "%020llu", size) }

    /// A ledger with checkpoints at sizes 1, 4, 6 and 9.
    static func ledger() throws -> LedgerFixture {
        let fixture = try LedgerFixture()
        try fixture.append(3, prefix: "a")
        try fixture.append(2, prefix: "b")
        try fixture.append(3, prefix: "c")
        return fixture
    }

    @Test func everyCheckpointNamesTheKeptOneBeforeIt() throws {
        let fixture = try Self.ledger()
        defer { fixture.remove() }
        let reader = try LedgerReader(directory: fixture.directory)
        #expect(reader.checkpointSizes == [1, 4, 6, 9])
        let links = try reader.checkpointSizes.map {
            try reader.checkpoint(size: $0, verifiers: [fixture.signer.verifier]).checkpoint.previousSize()
        }
        #expect(links == [0, 1, 4, 6])
        let text = String(decoding: try fixture.read(Self.path(4)), as: UTF8.self)
        #expect(text.contains("\ncivicledger/previous 1\n\n"))
        #expect(try fixture.verify().unlinkedCheckpointCount == 0)
    }

    @Test(arguments: [UInt64(1), 4, 6])
    func deletingAKeptCheckpointBelowTheNewestFailsNamingIt(size: UInt64) throws {
        let fixture = try Self.ledger()
        defer { fixture.remove() }
        try FileManager.default.removeItem(atPath: fixture.directory + "/" + Self.path(size))
        let error = #expect(throws: LedgerError.self) { try fixture.verify() }
        #expect(error?.code == .corrupt)
        #expect(error?.integrity == .store)
        #expect(error?.message.contains("\(Self.path(size)) is missing") == true, "\(error?.message ?? "")")
    }

    @Test func deletingSeveralMiddleCheckpointsFailsAtTheLowestGap() throws {
        let fixture = try Self.ledger()
        defer { fixture.remove() }
        for size: UInt64 in [4, 6] { try FileManager.default.removeItem(atPath: fixture.directory + "/" + Self.path(size)) }
        let error = #expect(throws: LedgerError.self) { try fixture.verify() }
        #expect(error?.message.contains("\(Self.path(6)) is missing") == true, "\(error?.message ?? "")")
    }

    /// Deleting the newest checkpoint is a rollback: nothing signed names it, so only a
    /// checkpoint held elsewhere or a witness can tell (SECURITY.md).
    @Test func deletingTheNewestCheckpointIsARollbackOnlyAHeldCheckpointDetects() throws {
        let fixture = try Self.ledger()
        defer { fixture.remove() }
        let held = try SignedNote.parse(Array(try fixture.read(Self.path(9))))
        try FileManager.default.removeItem(atPath: fixture.directory + "/" + Self.path(9))
        try FileManager.default.removeItem(atPath: fixture.directory + "/ids")  // derived; it would give the cut away
        let report = try fixture.verify()
        #expect(report.size == 6)
        #expect(report.tailByteCount > 0)
        let error = #expect(throws: LedgerError.self) { try fixture.verify(held: held) }
        #expect(error?.message.contains("history was cut back") == true)
    }

    /// A kept checkpoint the chain skips over was not issued in that order by the writer.
    @Test func aSignedCheckpointOutsideTheChainFails() throws {
        let fixture = try Self.ledger()
        defer { fixture.remove() }
        let extra = Checkpoint(origin: LedgerFixture.origin, size: 2, root: SHA256.hash([1]),
                               extensions: [Checkpoint.previousLine(1)])
        let note = try SignedNote.sign(text: extra.text, signers: [fixture.signer])
        try fixture.write(Data(note.serialized.utf8), Self.path(2))
        let error = #expect(throws: LedgerError.self) { try fixture.verify() }
        #expect(error?.message.contains("\(Self.path(2)): the checkpoint at size 4 names size 1 before it") == true, "\(error?.message ?? "")")
    }

    @Test func aMalformedLinkFails() throws {
        let fixture = try Self.ledger()
        defer { fixture.remove() }
        try Self.resign(fixture, size: 6, extensions: ["civicledger/previous 7"])
        let error = #expect(throws: LedgerError.self) { try fixture.verify() }
        #expect(error?.message.contains("does not hold a decimal size below 6") == true, "\(error?.message ?? "")")
    }

    /// A ledger written before links existed still verifies; its unlinked checkpoints are
    /// counted, and deleting one of them is the documented blind spot. The next batch links
    /// to the newest of them, so from then on deleting that one is detected.
    @Test func checkpointsWithoutLinksStillVerifyAndAreCounted() throws {
        let fixture = try Self.ledger()
        defer { fixture.remove() }
        for size: UInt64 in [1, 4, 6, 9] { try Self.resign(fixture, size: size, extensions: []) }
        #expect(try fixture.verify().unlinkedCheckpointCount == 4)
        try FileManager.default.removeItem(atPath: fixture.directory + "/" + Self.path(4))
        #expect(try fixture.verify().unlinkedCheckpointCount == 3)
        try fixture.append(1, prefix: "d")
        #expect(try fixture.verify().unlinkedCheckpointCount == 3)
        try FileManager.default.removeItem(atPath: fixture.directory + "/" + Self.path(9))
        let error = #expect(throws: LedgerError.self) { try fixture.verify() }
        #expect(error?.message.contains("\(Self.path(9)) is missing") == true, "\(error?.message ?? "")")
    }

    /// Re-signs the kept checkpoint at `size` with other extension lines (same root).
    static func resign(_ fixture: LedgerFixture, size: UInt64, extensions: [String]) throws {
        let old = try Checkpoint(text: try SignedNote.parse(Array(try fixture.read(path(size)))).text)
        let checkpoint = Checkpoint(origin: old.origin, size: old.size, root: old.root, extensions: extensions)
        let note = try SignedNote.sign(text: checkpoint.text, signers: [fixture.signer])
        try fixture.write(Data(note.serialized.utf8), path(size))
    }
}
