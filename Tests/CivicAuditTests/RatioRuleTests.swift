@testable import CivicAudit
import CivicLedger
import Testing

/// LAW-RATIO: thresholds per organisation row, the boundaries (exactly 70%, exactly 10%,
/// the 200,000 CNY floor), the first year, the three-year-average rescue, net-asset bands.
@Suite struct RatioRuleTests {
    static let done = "2026-06-01T00:00:00Z"

    /// 2024 income 4,000,000.00 CNY; 2025 spending as given.
    static func publicFoundation(charitable: Int, admin: Int, fundraising: Int) throws -> PeriodFeed {
        var feed = try PeriodFeed()
        try feed.donation("2024-03-01", 400_000_000)
        try feed.spend("2025-02-01", charitable)
        try feed.spend("2025-03-01", admin, expense: "administrative")
        try feed.spend("2025-04-01", fundraising, expense: "fundraising")
        return feed
    }

    @Test func exactlySeventyPercentAndExactlyTenPercentPass() throws {
        // 2,800,000 = 70% of 4,000,000; admin 400,000 = 10% of 4,000,000 total spending.
        let feed = try Self.publicFoundation(charitable: 280_000_000, admin: 40_000_000, fundraising: 80_000_000)
        let ratio = try #require(try feed.ratios(lastTime: Self.done).first { $0.year == 2025 })
        #expect(ratio.spendingOfPriorIncomeBP == 7000 && ratio.adminOfSpendingBP == 1000)
        #expect(ratio.spending == .pass && ratio.spendingTest == .singleYear)
        #expect(ratio.admin == .pass && ratio.adminTest == .singleYear)
        #expect(ratio.priorIncome == 400_000_000 && ratio.totalSpending == 400_000_000 && ratio.complete)
        let findings = try feed.run("LAW-RATIO", year: 2025, lastTime: Self.done)
        #expect(findings.count == 2 && findings.allSatisfy { $0.severity == .info && $0.year == 2025 })
        #expect(findings.allSatisfy { $0.message.contains("passes on the single year") })
    }

    @Test func justUnderSeventyAndJustOverTenPercentFail() throws {
        let feed = try Self.publicFoundation(charitable: 279_999_999, admin: 40_000_001, fundraising: 80_000_000)
        let findings = try feed.run("LAW-RATIO", year: 2025, lastTime: Self.done)
        #expect(findings.filter { $0.severity == .error }.count == 2, "\(findings.map(\.message))")
        // While the year is not over, a failing part is only a fact.
        let early = try feed.run("LAW-RATIO", year: 2025, lastTime: "2025-12-31T23:59:59Z")
        #expect(early.allSatisfy { $0.severity == .info } && early.contains { $0.message.contains("year in progress") })
    }

    @Test func theAdminCapDoesNotApplyUnderTheFloor() throws {
        // 199,999.99 CNY of admin costs against 500,000 total: 40%, but under the floor.
        let under = try Self.publicFoundation(charitable: 280_000_000, admin: 19_999_999, fundraising: 1)
        let ratio = try #require(try under.ratios(lastTime: Self.done).first { $0.year == 2025 })
        #expect(ratio.admin == .pass && ratio.adminTest == .underFloor)
        #expect(try under.run("LAW-RATIO", year: 2025, lastTime: Self.done).contains { $0.message.contains("floor") })
        // Exactly 200,000 CNY: the cap applies.
        var at = try PeriodFeed()
        try at.donation("2024-03-01", 40_000_000)
        try at.spend("2025-02-01", 28_000_000)
        try at.spend("2025-03-01", 20_000_000, expense: "administrative")
        let capped = try #require(try at.ratios(lastTime: Self.done).first { $0.year == 2025 })
        #expect(capped.admin == .fail && capped.adminTest == .singleYear)
    }

    @Test func theFirstYearIsInfoNotPassOrFail() throws {
        var feed = try PeriodFeed(genesisDate: "2025-01-01")
        try feed.donation("2025-03-01", 100_000_000)
        try feed.spend("2025-04-01", 1_000)
        let ratio = try #require(try feed.ratios(lastTime: Self.done).first)
        #expect(ratio.year == 2025 && ratio.priorIncome == nil && ratio.spending == .unknown && ratio.spendingTest == .none)
        let findings = try feed.run("LAW-RATIO", lastTime: Self.done)
        #expect(findings.allSatisfy { $0.severity == .info })
        #expect(findings.contains { $0.message.contains("first year") })
    }

    /// Income 2022 1M, 2023 1M, 2024 4M CNY; 2025 charitable spending as given.
    static func threeYears(charitable: Int) throws -> PeriodFeed {
        var feed = try PeriodFeed(genesisDate: "2022-01-01")
        try feed.donation("2022-03-01", 100_000_000)
        try feed.donation("2023-03-01", 100_000_000)
        try feed.donation("2024-03-01", 400_000_000)
        try feed.spend("2025-02-01", charitable)
        return feed
    }

    @Test func theThreeYearAverageRescuesASingleYearFailure() throws {
        // 1,400,000 is 35% of 2024 income but exactly 70% of the 2,000,000 average.
        let feed = try Self.threeYears(charitable: 140_000_000)
        let ratio = try #require(try feed.ratios(lastTime: Self.done).first { $0.year == 2025 })
        #expect(ratio.spending == .pass && ratio.spendingTest == .threeYearAverage && ratio.averagePriorIncome == 200_000_000)
        let findings = try feed.run("LAW-RATIO", year: 2025, lastTime: Self.done)
        #expect(findings.allSatisfy { $0.severity == .info })
        #expect(findings.contains { $0.message.contains("passes on the three-year average") })
        // One minor unit less fails both tests.
        let short = try Self.threeYears(charitable: 139_999_999)
        let failed = try short.run("LAW-RATIO", year: 2025, lastTime: Self.done)
        #expect(failed.contains { $0.severity == .error && $0.message.contains("and on the three-year average") })
    }

    @Test func reversalsAndOtherCurrenciesDoNotCountAsIncome() throws {
        var feed = try PeriodFeed()
        try feed.donation("2024-03-01", 400_000_000)
        try feed.donation("2024-03-02", 400_000_000)
        try feed.donation("2024-03-03", 5_000, currency: "USD")
        try feed.reverse(2, date: "2025-01-10")  // the 2024 income is 4,000,000 again
        try feed.spend("2025-02-01", 280_000_000)
        let ratio = try #require(try feed.ratios(lastTime: Self.done).first { $0.year == 2025 })
        #expect(ratio.priorIncome == 400_000_000 && ratio.spending == .pass)
        let notes = try feed.run("LAW-RATIO", year: 2024, lastTime: Self.done)
        // Left out of the sums, so the ratios are incomplete: a warning, not a note.
        #expect(notes.contains { $0.severity == .warning && $0.message.contains("1 income or spending entries in another currency than CNY are left out") })
        #expect(try feed.run("LAW-RATIO", year: 2025, lastTime: Self.done).allSatisfy { !$0.message.contains("another currency") })
    }

    @Test func nonPublicFoundationsUseNetAssetBands() throws {
        // 10,000,000 CNY net assets: the confirmed 8M–60M band, 6% = 600,000 CNY.
        func feed(netAssets: Int?, charitable: Int) throws -> PeriodFeed {
            let assets = netAssets.map { ",\"net_assets\":{\"value\":\($0),\"currency\":\"CNY\"}" } ?? ""
            var feed = try PeriodFeed(org: #""type":"foundation","public_fundraising":false"# + assets)
            try feed.spend("2025-02-01", charitable)
            return feed
        }
        let exact = try #require(try feed(netAssets: 1_000_000_000, charitable: 60_000_000).ratios(lastTime: Self.done).last)
        #expect(exact.spending == .pass && exact.spendingOfNetAssetsBP == 600 && !exact.unconfirmed && exact.maxAdminOfSpendingBP == 1300)
        let short = try feed(netAssets: 1_000_000_000, charitable: 59_999_999).run("LAW-RATIO", year: 2025, lastTime: Self.done)
        #expect(short.contains { $0.severity == .error })
        // 5,000,000 CNY: the 4M–8M band, shipped unconfirmed.
        let unconfirmed = try feed(netAssets: 500_000_000, charitable: 35_000_000)
        #expect(try unconfirmed.ratios(lastTime: Self.done).last?.unconfirmed == true)
        #expect(try unconfirmed.run("LAW-RATIO", year: 2025, lastTime: Self.done).contains { $0.message.contains("unconfirmed") })
        // No net assets: the band cannot be chosen.
        let missing = try feed(netAssets: nil, charitable: 1).run("LAW-RATIO", year: 2025, lastTime: Self.done)
        #expect(missing.contains { $0.severity == .info && $0.message.contains("net_assets") })
        #expect(!missing.contains { $0.severity == .error })
    }

    @Test func nonPublicSocialGroupsAlsoNeedHalfOfLastYearsIncome() throws {
        // 2,000,000 CNY net assets: 8% = 160,000; last year's income 1,000,000: 50% = 500,000.
        func feed(charitable: Int) throws -> PeriodFeed {
            var feed = try PeriodFeed(org: #""type":"social-group","public_fundraising":false,"net_assets":{"value":200000000,"currency":"CNY"}"#)
            try feed.donation("2024-05-01", 100_000_000)
            try feed.spend("2025-02-01", charitable)
            return feed
        }
        let pass = try #require(try feed(charitable: 50_000_000).ratios(lastTime: Self.done).last)
        #expect(pass.spending == .pass && pass.minSpendingOfNetAssetsBP == 800 && pass.minSpendingOfPriorIncomeBP == 5000)
        let fail = try #require(try feed(charitable: 40_000_000).ratios(lastTime: Self.done).last)
        #expect(fail.spending == .fail && fail.spendingOfNetAssetsBP == 2000 && fail.spendingOfPriorIncomeBP == 4000)
    }

    @Test func organisationsWithoutARowGetOneFact() throws {
        var feed = try PeriodFeed(org: #""type":"enterprise","public_fundraising":false"#)
        try feed.spend("2025-02-01", 1)
        let findings = try feed.run("LAW-RATIO")
        #expect(findings.count == 1 && findings[0].severity == .info && findings[0].message.contains("no ratio thresholds"))
        #expect(try feed.ratios().isEmpty)
    }

    /// A stored ledger holding two reversals of one donation cancels it once (the shared
    /// netting rule), and a reversal of a reversal cancels nothing.
    @Test func aDonationReversedTwiceIsCancelledOnce() throws {
        var feed = try PeriodFeed()
        try feed.donation("2024-03-01", 400_000_000)
        try feed.donation("2024-03-02", 100_000_000)
        try feed.reverse(2, date: "2024-03-03")
        try feed.reverse(2, date: "2024-03-04")
        try feed.reverse(3, date: "2024-03-05")
        try feed.spend("2025-02-01", 280_000_000)
        let ratio = try #require(try feed.ratios(lastTime: Self.done).first { $0.year == 2025 })
        #expect(ratio.priorIncome == 400_000_000)
    }
}
