@testable import CivicAudit
import CivicLedger
import Testing

/// The us-990 rule set: US-ACK250, US-QPQ75, US-SCHB.
@Suite struct USRuleTests {
    static func feed() throws -> PeriodFeed {
        try PeriodFeed(org: #""type":"other","public_fundraising":true"#, currency: "USD", ruleSet: "us-990")
    }

    @Test func theRuleSetLoadsWithItsRules() throws {
        let set = try RuleSet.shipped("us-990")
        #expect(try RuleCatalogue.auditEntryRules(set).map(\.info.id) == ["US-ACK250"])
        #expect(Set(try RuleCatalogue.periodRules(set).map(\.info.id)) == ["US-QPQ75", "US-SCHB", "AML-CASH", "AML-SPLIT"])
        #expect(try RuleCatalogue.entryRules(set).count == 3)
    }

    @Test func giftsOf250NeedAnAcknowledgment() throws {
        var feed = try Self.feed()
        try feed.donation("2025-03-01", 24_999, currency: "USD")
        #expect(try feed.check("US-ACK250").isEmpty)
        try feed.donation("2025-03-01", 25_000, currency: "USD", receipt: #"{"series":"2025","number":1}"#)
        #expect(try feed.check("US-ACK250").isEmpty)
        try feed.donation("2025-03-01", 25_000, currency: "USD")
        #expect(try feed.check("US-ACK250").first?.contains("written acknowledgment") == true)
    }

    @Test func quidProQuoGiftsOver75CannotBeChecked() throws {
        var feed = try Self.feed()
        try feed.donation("2025-03-01", 7_500, currency: "USD")
        #expect(try feed.run("US-QPQ75").isEmpty)
        try feed.donation("2025-03-01", 7_501, currency: "USD")
        let findings = try feed.run("US-QPQ75")
        #expect(findings.count == 1 && findings[0].severity == .info && findings[0].message.hasPrefix("1 gifts in 2025"))
    }

    @Test func scheduleBListsContributorsOf5000AYear() throws {
        var feed = try Self.feed()
        try feed.donation("2025-03-01", 300_000, currency: "USD")
        try feed.donation("2025-09-01", 199_999, currency: "USD")
        try feed.donation("2026-01-01", 1, currency: "USD")  // another year
        #expect(try feed.run("US-SCHB").isEmpty)
        try feed.donation("2025-10-01", 1, currency: "USD")
        let findings = try feed.run("US-SCHB")
        #expect(findings.count == 1 && findings[0].severity == .info && findings[0].year == 2025)
        #expect(findings[0].message.contains("contributor D-1 gave 5000.00 USD in 2025"))
        try feed.reverse(4, date: "2025-11-01")
        #expect(try feed.run("US-SCHB").isEmpty)
    }
}
