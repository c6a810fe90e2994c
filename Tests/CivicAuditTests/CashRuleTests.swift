@testable import CivicAudit
import CivicLedger
import Testing

/// AML-CASH and AML-SPLIT: thresholds from the rule set, exactly at the threshold flagged.
@Suite struct CashRuleTests {
    @Test func aSingleCashDonationAtTheThresholdIsFlagged() throws {
        var feed = try PeriodFeed()
        try feed.donation("2025-03-01", 4_999_999, form: "cash")
        try feed.donation("2025-03-01", 5_000_000, donor: "D-2", form: "transfer")
        #expect(try feed.run("AML-CASH").isEmpty)
        try feed.donation("2025-03-02", 5_000_000, donor: "D-3", form: "cash")
        try feed.donation("2025-03-02", 1_000_000, currency: "USD", donor: nil, form: "cash")
        let findings = try feed.run("AML-CASH")
        #expect(findings.map(\.seq) == [3, 4] && findings.allSatisfy { $0.severity == .warning })
        #expect(!findings[0].message.contains("identified") && findings[1].message.contains("needs an identified donor"))
        try feed.reverse(3, date: "2025-03-03")
        #expect(try feed.run("AML-CASH").map(\.seq) == [4])
    }

    @Test func splitCashDonationsThatTogetherReachTheThreshold() throws {
        var feed = try PeriodFeed()
        try feed.donation("2025-03-01", 2_500_000, form: "cash")
        try feed.donation("2025-03-01", 2_499_999, form: "cash")
        try feed.donation("2025-03-02", 2_500_000, form: "cash")        // another day
        try feed.donation("2025-03-01", 2_500_000, donor: "D-2", form: "cash")  // another party
        try feed.donation("2025-03-01", 2_500_000, form: "online")    // not cash
        try feed.donation("2025-03-01", 2_500_000, donor: nil, form: "cash")    // anonymous: no party
        #expect(try feed.run("AML-SPLIT").isEmpty)
        try feed.donation("2025-03-01", 1, form: "cash")  // now exactly 50,000.00 CNY
        let findings = try feed.run("AML-SPLIT")
        #expect(findings.count == 1 && findings[0].seqs == [1, 2, 7] && findings[0].severity == .warning)
        #expect(findings[0].message.contains("3 cash donations from D-1 on 2025-03-01"))
        try feed.reverse(7, date: "2025-03-05")
        #expect(try feed.run("AML-SPLIT").isEmpty)
    }

    @Test func aDayWithOneLargeGiftIsNotASplit() throws {
        var feed = try PeriodFeed()
        try feed.donation("2025-03-01", 5_000_000, form: "cash")
        try feed.donation("2025-03-01", 100, form: "cash")
        #expect(try feed.run("AML-SPLIT").isEmpty)
        #expect(try feed.run("AML-CASH").count == 1)
    }

    /// Past 65,536 open party-days the oldest are judged and dropped: a split found in a
    /// dropped day is still reported, and one on a recent day too.
    @Test func manyPartyDaysStayBoundedAndSplitsAreStillFound() throws {
        var feed = try PeriodFeed()
        try feed.donation("2024-01-02", 2_500_000, form: "cash")
        try feed.donation("2024-01-02", 2_500_000, form: "cash")  // a split on an early day
        for index in 0..<70_000 {
            let day = 1 + index % 28
            try feed.donation("2024-\(String(format: "%02d", 2 + index / 7_000 % 10))-\(String(format: "%02d", day))", 100,
                              donor: "P-\(index)", form: "cash")
        }
        try feed.donation("2024-12-30", 3_000_000, donor: "D-9", form: "cash")
        try feed.donation("2024-12-30", 2_000_000, donor: "D-9", form: "cash")
        let findings = try feed.run("AML-SPLIT")
        #expect(findings.count == 2, "\(findings.map(\.message))")
        #expect(findings.contains { $0.message.contains("D-1 on 2024-01-02") })
        #expect(findings.contains { $0.message.contains("D-9 on 2024-12-30") })
    }
}
