@testable import CivicAudit
import CivicLedger
import Testing

/// MKT-ANNUITY, MKT-PLEDGE and the receipt-gap part of STD-RECEIPT, fed entry by entry.
@Suite struct PeriodRuleTests {
    @Test func annuityLimitsOfTheWageBase() throws {
        var feed = try PeriodFeed()
        // Wage base 15,000.00: employer 8% = 1,200.00, total 12% = 1,800.00, exactly.
        try feed.annuity("2025-01-10", amount: 180_000, employer: 120_000, wageBase: 1_500_000)
        #expect(try feed.run("MKT-ANNUITY").isEmpty)
        try feed.annuity("2025-02-10", amount: 180_000, employer: 120_001, wageBase: 1_500_000)
        try feed.annuity("2025-03-10", amount: 180_001, employer: 100_000, wageBase: 1_500_000)
        let findings = try feed.run("MKT-ANNUITY")
        #expect(findings.map(\.seq) == [2, 3] && findings.allSatisfy { $0.severity == .error })
        #expect(findings[0].message.contains("employer part") && findings[1].message.contains("together"))
        // A reversed contribution is no longer reported.
        try feed.reverse(2, date: "2025-04-01")
        #expect(try feed.run("MKT-ANNUITY").map(\.seq) == [3])
    }

    @Test func annuityWithoutAWageBaseNeedsIt() throws {
        var feed = try PeriodFeed()
        try feed.annuity("2025-01-10", amount: 180_000, employer: 120_000)
        let findings = try feed.run("MKT-ANNUITY")
        #expect(findings.count == 1 && findings[0].severity == .info && findings[0].message.contains("wage base"))
    }

    @Test func pledgesCannotBeCheckedWhenEnterprisesDonate() throws {
        var feed = try PeriodFeed()
        try feed.donation("2025-01-10", 100)
        #expect(try feed.run("MKT-PLEDGE").isEmpty)
        try feed.donation("2025-01-11", 100, donor: "E-9", donorType: "enterprise")
        let findings = try feed.run("MKT-PLEDGE")
        #expect(findings.count == 1 && findings[0].severity == .info && findings[0].message.contains("no pledge agreements"))
        #expect(try feed.run("MKT-PLEDGE", year: 2024).isEmpty)
    }

    static func receipt(_ series: String, _ number: Int) -> String { "{\"series\":\"\(series)\",\"number\":\(number)}" }

    @Test func receiptNumbersAreGapFreePerSeriesAndYear() throws {
        var feed = try PeriodFeed()
        for number in 1...3 { try feed.donation("2025-01-0\(number)", 100, receipt: Self.receipt("A", number)) }
        // A new year may start again at 1, and another series is separate.
        try feed.donation("2026-01-02", 100, receipt: Self.receipt("A", 1))
        try feed.donation("2025-01-05", 100, receipt: Self.receipt("B", 7))
        #expect(try feed.run("STD-RECEIPT").isEmpty)
        try feed.donation("2025-02-01", 100, receipt: Self.receipt("A", 6))
        try feed.donation("2025-02-02", 100, receipt: Self.receipt("A", 30))
        let findings = try feed.run("STD-RECEIPT")
        #expect(findings.count == 1 && findings[0].severity == .error && findings[0].year == 2025)
        #expect(findings[0].message.contains("misses 25 numbers: 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, …"), "\(findings[0].message)")
        #expect(try feed.run("STD-RECEIPT", year: 2026).isEmpty)
    }
}
