import Foundation
import Testing
@testable import CivicLedger

@Suite struct StorageTests {
    @Test func appendReopenAndVerify() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let first = try fixture.append(10, prefix: "a")
        #expect(first.firstSeq == 1 && first.count == 10 && first.checkpoint.size == 11)
        let second = try fixture.append(5, prefix: "b")
        #expect(second.firstSeq == 11 && second.checkpoint.size == 16)
        let report = try fixture.verify()
        #expect(report.size == 16 && report.checkpointCount == 3 && report.tailByteCount == 0)
        #expect(report.root == second.checkpoint.root)

        let reader = try LedgerReader(directory: fixture.directory)
        let entry = try Entry.decode(try reader.entryBytes(seq: 12))
        #expect(entry.seq == 12 && entry.body.id == "b1")
        var seqs: [UInt64] = []
        var decodedSeqs: [UInt64] = []
        try reader.forEachEntry { seq, bytes in
            seqs.append(seq)
            decodedSeqs.append(try Entry.decode(Array(bytes)).seq)
        }
        #expect(decodedSeqs == seqs)
        #expect(seqs == Array(0..<16))
    }

    @Test func segmentsRollOverAndStayVerifiable() throws {
        let fixture = try LedgerFixture(segmentByteCountMax: 2_000)
        defer { fixture.remove() }
        try fixture.append(12, prefix: "a", segmentByteCountMax: 2_000)
        try fixture.append(12, prefix: "b", segmentByteCountMax: 2_000)
        let segments = try fixture.files().filter { $0.hasPrefix("entries/") }
        #expect(segments.count > 3)
        #expect(try fixture.verify().size == 25)
        let reader = try LedgerReader(directory: fixture.directory)
        for seq in [0, 7, 13, 24] as [UInt64] {
            #expect(try Entry.decode(try reader.entryBytes(seq: seq)).seq == seq)
        }
    }

    @Test func aSecondWriterIsRefused() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let writer = try fixture.open()
        #expect { try fixture.open() } throws: { ($0 as? LedgerError)?.code == .locked }
        _ = try writer.append(try LedgerFixture.donations(1, prefix: "x"))
    }

    @Test func aBadEntryWritesNothing() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(3, prefix: "a")
        let before = try fixture.files().map { try fixture.read($0) }
        var bodies = try LedgerFixture.donations(3, prefix: "b")
        // A second genesis (a new id, so not an idempotent retry of seq 0) is refused.
        let genesis = try LedgerFixture.genesis(fixture.signer).writerJSON()
        guard case .object(var fields) = genesis else { Issue.record("genesis is an object"); return }
        fields["id"] = .string("genesis-again")
        bodies.append(try EntryBody(writerJSON: .object(fields)))
        #expect { try fixture.open().append(bodies) } throws: { ($0 as? LedgerError)?.code == .invalidEntry }
        #expect(try fixture.files().map { try fixture.read($0) } == before)
    }

    @Test func anotherKeyCannotWrite() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let stranger = try NoteSigner.generate(name: LedgerFixture.origin)
        #expect { try LedgerWriter.open(directory: fixture.directory, signer: stranger) } throws: {
            ($0 as? LedgerError)?.code == .invalidKey
        }
        #expect(throws: LedgerError.self) {
            try LedgerVerifier(directory: fixture.directory, verifiers: [stranger.verifier]).verify()
        }
    }

    @Test func heldCheckpointsMustBeExtended() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        let old = try fixture.append(4, prefix: "a")
        try fixture.append(4, prefix: "b")
        #expect(try fixture.verify(held: old.note).heldCheckpointSize == 5)
        // A checkpoint from a forked history: same key, same size, other root.
        let forged = try SignedNote.sign(
            text: Checkpoint(origin: LedgerFixture.origin, size: 5, root: SHA256.hash([1])).text, signers: [fixture.signer])
        #expect { try fixture.verify(held: forged) } throws: { ($0 as? LedgerError)?.code == .corrupt }
        // A checkpoint from a longer history than the ledger now holds: it was cut back.
        let ahead = try SignedNote.sign(
            text: Checkpoint(origin: LedgerFixture.origin, size: 50, root: SHA256.hash([1])).text, signers: [fixture.signer])
        #expect { try fixture.verify(held: ahead) } throws: { ($0 as? LedgerError)?.code == .corrupt }
    }
}
