import Foundation
import Testing
@testable import CivicLedger

/// `LedgerWriter.appendPool`: requests judged one after the other, each all or nothing,
/// the accepted ones written under one checkpoint.
@Suite struct AppendPoolTests {
    /// Refuses any entry whose id starts with "bad", as a rule would.
    struct RefuseBad: EntryValidator {
        var admitted: [String] = []
        mutating func admit(_ entry: Entry) throws {
            if entry.body.id.hasPrefix("bad") { throw LedgerError(.refused, "TEST-BAD: refused") }
            admitted.append(entry.body.id)
        }
    }

    @Test func acceptedRequestsShareOneCheckpointAndARefusedOneLeavesNoTrace() throws {
        let fixture = try LedgerFixture()
        let writer = try LedgerWriter.open(directory: fixture.directory, signer: fixture.signer)
        let good = try LedgerFixture.donations(2, prefix: "a")
        let mixed = try LedgerFixture.donations(1, prefix: "b") + LedgerFixture.donations(1, prefix: "bad")
        let later = try LedgerFixture.donations(1, prefix: "c")
        var validator = RefuseBad()
        let result = try writer.appendPool([good, mixed, later], validator: &validator)
        #expect(try result.outcomes[0].get() == [1, 2])
        guard case .failure(let error) = result.outcomes[1] else { Issue.record("the mixed request was accepted"); return }
        #expect(error.code == .refused)
        #expect(error.entryIndex == 1)
        // The request after the refused one follows the first directly: no gap, no trace.
        #expect(try result.outcomes[2].get() == [3])
        #expect(result.appendedCount == 3)
        #expect(result.checkpoint.size == 4)
        #expect(validator.admitted == ["a0", "a1", "c0"])
        let reader = try LedgerReader(directory: fixture.directory)
        #expect(reader.checkpointSizes == [1, 4])
        #expect(try Entry.decode(reader.entryBytes(seq: 3)).body.id == "c0")
    }

    @Test func anIdRepeatedAcrossThePoolIsARetryOrAConflict() throws {
        let fixture = try LedgerFixture()
        let writer = try LedgerWriter.open(directory: fixture.directory, signer: fixture.signer)
        let first = try LedgerFixture.donations(1, prefix: "x")
        let other = try LedgerFixture.body("""
        {"kind":"donation","id":"x0","date":"2025-03-02","fund":"GEN","amount":{"value":5,"currency":"CNY"},\
        "donor":{"ref":"D-9","type":"individual"},"form":"online","receipt":{"series":"R","number":9},"category":"assistance"}
        """)
        var validator = SchemaOnlyValidation()
        let result = try writer.appendPool([first, first, [other]], validator: &validator)
        #expect(try result.outcomes[0].get() == [1])
        #expect(try result.outcomes[1].get() == [1])
        guard case .failure(let error) = result.outcomes[2] else { Issue.record("the conflict was accepted"); return }
        #expect(error.message.hasPrefix("STD-IDEMP"))
        #expect(result.appendedCount == 1)
        // Nothing new at all: the existing checkpoint, nothing written.
        let retry = try writer.appendPool([first], validator: &validator)
        #expect(retry.appendedCount == 0)
        #expect(retry.checkpoint.size == 2)
        #expect(try LedgerReader(directory: fixture.directory).checkpointSizes == [1, 2])
    }
}
