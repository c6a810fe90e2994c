@testable import CivicAudit
import CivicLedger
import Foundation
import Testing

/// INT-TIME judges value dates against the entry's own `time`: far in its future, far in
/// its past, or outside the writable range (possible in a ledger written before the range).
@Suite struct ValueDateRuleTests {
    private func entry(seq: UInt64, date: String, time: String) throws -> Entry {
        let text = """
        {"v":1,"seq":\(seq),"prev":"\(String(repeating: "0", count: 64))","time":"\(time)","kind":"disbursement",\
        "id":"p\(seq)","date":"\(date)","fund":"GEN","amount":{"value":100,"currency":"CNY"},\
        "category":"assistance","expense":"charitable","beneficiary":{"group":"families"}}
        """
        return try Entry.decode(CanonicalJSON.encode(try CanonicalJSON.parse(Array(text.utf8))))
    }

    private func messages(_ entries: [Entry]) throws -> [String] {
        let info = RuleInfo(id: TimeOrderRule.ruleID, source: "Ledger/SPEC.md", severity: .warning)
        var rule = TimeOrderRule(info: info, now: 4_102_444_800, toleranceSeconds: 300)
        for entry in entries { rule.observe(entry, context: RuleContext(book: Book(), entry: { _ in nil })) }
        let organization = try PeriodFeed().entries[0].body.payload.genesis!.org
        let summary = AuditSummaryContext(organization: organization, origin: "o", book: Book(), year: nil, lastTime: entries.last!.time)
        return rule.finish(summary).map(\.message)
    }

    @Test func valueDatesNearTheirTimePass() throws {
        #expect(try messages([try entry(seq: 0, date: "2025-06-30", time: "2025-06-01T00:00:00Z"),
                          try entry(seq: 1, date: "2016-01-01", time: "2025-06-02T00:00:00Z")]).isEmpty)
    }

    @Test func valueDatesFarFromTheirTimeOrOutOfRangeAreFlagged() throws {
        let found = try messages([
            try entry(seq: 0, date: "2026-06-03", time: "2025-06-01T00:00:00Z"),
            try entry(seq: 1, date: "2015-01-01", time: "2025-06-01T00:00:00Z"),
            try entry(seq: 2, date: "9999-12-31", time: "2025-06-01T00:00:00Z"),
            try entry(seq: 3, date: "0001-01-01", time: "2025-06-01T00:00:00Z"),
        ])
        #expect(found.count == 4)
        #expect(found[0].contains("367 days after the entry's time"))
        #expect(found[1].contains("days before the entry's time"))
        #expect(found[2].contains("9999-12-31 is outside the value dates 1900-01-01…2199-12-31"))
        #expect(found[3].contains("0001-01-01 is outside"))
    }
}
