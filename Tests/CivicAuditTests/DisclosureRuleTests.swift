@testable import CivicAudit
import CivicLedger
import Foundation
import Testing

/// DIS-CHECKPOINT (recorded within the period after the value date) and DIS-ANNUAL.
@Suite struct DisclosureRuleTests {
    @Test func donationsArePublishedWithinThreeMonths() throws {
        var feed = try PeriodFeed()
        // 31 January + 3 months is 30 April.
        try feed.donation("2025-01-31", 100, time: "2025-04-30T23:59:59Z")
        #expect(try feed.run("DIS-CHECKPOINT").isEmpty)
        try feed.donation("2025-01-31", 100, time: "2025-05-01T00:00:00Z")
        let findings = try feed.run("DIS-CHECKPOINT")
        #expect(findings.count == 1 && findings[0].seq == 2 && findings[0].severity == .warning)
        #expect(findings[0].message.contains("90 days later, beyond 3 months"), "\(findings[0].message)")
    }

    @Test func emergencyFundsHaveFiveDays() throws {
        var text = String(decoding: EmbeddedRuleSets.files["cn-charity"]!, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"emergency_funds\": []", with: "\"emergency_funds\": [\"EMG\"]")
        let set = try RuleSet(json: Array(text.utf8), name: "emergency")
        var feed = try PeriodFeed()
        try feed.donation("2025-07-01", 100, fund: "EMG", time: "2025-07-06T10:00:00Z")
        #expect(try feed.run("DIS-CHECKPOINT", ruleSet: set).isEmpty)
        try feed.donation("2025-07-01", 100, fund: "EMG", time: "2025-07-07T10:00:00Z")
        try feed.donation("2025-07-01", 100, fund: "GEN", time: "2025-07-07T10:00:00Z")
        #expect(try feed.run("DIS-CHECKPOINT", ruleSet: set).map(\.seq) == [2])
    }

    @Test func theAnnualReportIsAFact() throws {
        var feed = try PeriodFeed()
        try feed.donation("2025-03-01", 100)
        let findings = try feed.run("DIS-ANNUAL", year: 2025, lastTime: "2026-06-01T00:00:00Z")
        #expect(findings.count == 1 && findings[0].severity == .info)
        #expect(findings[0].message.contains("due by 2026-05-31 (the due date has passed)"))
        #expect(try feed.run("DIS-ANNUAL", year: 2025, lastTime: "2026-05-31T12:00:00Z")[0].message.contains("not yet due"))
    }
}
