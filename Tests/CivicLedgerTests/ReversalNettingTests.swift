import Testing
@testable import CivicLedger

/// One netting rule: before, the book, the ratio tally, the summary, the report and the
/// 360Giving export each wrote their own, and the tally cancelled a donation twice when a
/// stored ledger held two reversals of it.
@Suite struct ReversalNettingTests {
    private func entry(_ seq: UInt64, _ body: String) throws -> Entry {
        let text = #"{"v":1,"seq":\#(seq),"prev":"\#(String(repeating: "0", count: 64))","time":"2025-01-01T00:00:00Z","date":"2025-01-01",\#(body)}"#
        return try Entry.decode(CanonicalJSON.encode(try CanonicalJSON.parse(Array(text.utf8))))
    }

    private func reversal(_ seq: UInt64, of target: UInt64) throws -> Entry {
        try entry(seq, #""kind":"reversal","id":"r\#(seq)","target":\#(target),"reason":"twice""#)
    }

    @Test func aReversalCancelsAnEarlierNonReversalOnce() throws {
        let gift = try entry(2, #""kind":"fund","id":"f2","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}"#)
        let first = try reversal(5, of: 2)
        #expect(ReversalNetting.cancelledTarget(of: first, target: gift, reversed: [])?.seq == 2)
        #expect(ReversalNetting.cancelledTarget(of: try reversal(7, of: 2), target: gift, reversed: [2]) == nil)
        #expect(ReversalNetting.cancelledTarget(of: try reversal(9, of: 5), target: first, reversed: [2]) == nil)
        #expect(ReversalNetting.cancelledTarget(of: try reversal(1, of: 2), target: gift, reversed: []) == nil)
        #expect(ReversalNetting.cancelledTarget(of: first, target: try reversal(3, of: 1), reversed: []) == nil)
        #expect(ReversalNetting.cancelledTarget(of: gift, target: gift, reversed: []) == nil)
    }

    @Test func theWholeLedgerFormAgrees() {
        // 5 and 7 both reverse 2; 9 reverses the reversal 5; 4 points forward to 8.
        #expect(ReversalNetting.cancelledSeqs([5: 2, 7: 2, 9: 5, 4: 8]) == [2])
        #expect(ReversalNetting.cancelledSeqs([:]).isEmpty)
    }
}
