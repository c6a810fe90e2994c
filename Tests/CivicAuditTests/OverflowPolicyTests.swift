@testable import CivicAudit
import CivicLedger
import Foundation
import Testing

/// The one overflow policy (`Money.sum`, Ledger/SPEC.md): a sum of minor units that would
/// leave ±(2^53−1) is an error or an error finding, never a saturated or out-of-range number.
/// Amounts of `Money.valueMax` make two entries enough to pass the bound.
struct OverflowPolicyTests {
    typealias F = RuleFixture
    static let max = Int(Money.valueMax)

    /// A shipped rule set with `old` replaced by `new` in its text.
    static func ruleSet(_ name: String, replacing old: String, with new: String) throws -> RuleSet {
        let text = String(decoding: EmbeddedRuleSets.files[name]!, as: UTF8.self)
        #expect(text.contains(old), "the shipped \(name) rule set changed")
        return try RuleSet(json: Array(text.replacingOccurrences(of: old, with: new).utf8), name: name + "-large")
    }

    /// True when `text` holds a run of 16 or more digits (a number ≥ 2^53 in minor units),
    /// allowing the decimal point and grouping commas of money text.
    static func holdsOutOfRangeNumber(_ text: String) -> Bool {
        let digits = text.split { !($0.isNumber || $0 == "." || $0 == ",") }.map { $0.filter(\.isNumber) }
        return digits.contains { $0.count >= 16 && $0 != String(Money.valueMax) }
    }

    @Test func aFundBalancePastTheBoundIsAProblemAndApplyThrows() throws {
        var feed = try PeriodFeed()
        try feed.add(F.fund("GEN"))
        try feed.add(F.donation("d1", fund: "GEN", value: Self.max))
        try feed.add(F.donation("d2", fund: "GEN", value: Self.max))
        var book = Book()
        for entry in feed.entries.dropLast() { try book.apply(entry, target: nil) }
        let last = feed.entries.last!
        let problem = try #require(book.balanceProblem(Book.movements(of: last, target: nil)))
        #expect(problem.contains("GEN") && problem.contains("leave the range ±\(Money.valueMax)"), "\(problem)")
        let error = #expect(throws: LedgerError.self) { try book.apply(last, target: nil) }
        #expect(error?.message.contains("fund GEN") == true, "\(error?.message ?? "")")
        // Nothing of the entry was counted; the balance is the last in-range one.
        #expect(book.funds["GEN"]?.balances["CNY"] == Money.valueMax)
        #expect(book.size == 4)
    }

    @Test func aWriteThatWouldPassTheBoundIsRefusedByFundBalance() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        let large = try Self.ruleSet("cn-charity", replacing: "\"amount_max_minor_units\": 100000000000000",
                                     with: "\"amount_max_minor_units\": \(Money.valueMax)")
        try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: Self.max)], ruleSet: large)
        let before = try ledger.snapshot()
        let error = #expect(throws: LedgerError.self) {
            try ledger.write([F.donation("d2", fund: "GEN", value: Self.max)], ruleSet: large)
        }
        #expect(error?.code == .refused && error?.message.hasPrefix("STD-FUND-BAL:") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("leave the range") == true, "\(error?.message ?? "")")
        #expect(try ledger.snapshot() == before)
    }

    @Test func aPensionTotalPastTheBoundThrowsInsteadOfSaturating() throws {
        var feed = try PeriodFeed()
        try feed.add(F.pension("c1", participant: "P-1", value: Self.max))
        try feed.add(F.pension("c2", participant: "P-1", value: Self.max))
        var book = Book()
        try book.apply(feed.entries[0], target: nil)
        try book.apply(feed.entries[1], target: nil)
        let error = #expect(throws: LedgerError.self) { try book.apply(feed.entries[2], target: nil) }
        #expect(error?.message.contains("P-1") == true && error?.message.contains("2^53−1") == true, "\(error?.message ?? "")")
        #expect(book.pensionTotals["P-1|2025"] == Money.valueMax)
        // The cap rule names the overflow without printing the out-of-range total.
        let rule = try #require(try RuleCatalogue.entryRules(feed.ruleSet).first { $0.info.id == PensionCapRule.ruleID })
        let messages = rule.check(feed.entries[2], context: RuleContext(book: book, entry: { _ in nil }))
        #expect(messages.count == 1 && messages.allSatisfy { $0.contains(TallyOverflow.phrase) && !Self.holdsOutOfRangeNumber($0) },
                "\(messages)")
    }

    @Test func aScheduleBTotalPastTheBoundIsOneErrorFinding() throws {
        var feed = try PeriodFeed(currency: "USD", ruleSet: "us-990")
        try feed.donation("2024-03-01", Self.max, currency: "USD")
        try feed.donation("2024-04-01", Self.max, currency: "USD")
        try feed.donation("2024-05-01", 1, currency: "USD")
        let findings = try feed.run(ScheduleBRule.ruleID)
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.rule == "US-SCHB" && finding.severity == .error && finding.seq == 2 && finding.year == 2024)
        #expect(finding.message.contains(TallyOverflow.phrase) && finding.message.contains("seq 2"), "\(finding.message)")
        #expect(!Self.holdsOutOfRangeNumber(finding.message), "\(finding.message)")
    }

    @Test func aSplitCashDayPastTheBoundIsOneErrorFinding() throws {
        let large = try Self.ruleSet("cn-charity", replacing: "{\"value\": 5000000, \"currency\": \"CNY\"}",
                                     with: "{\"value\": \(Money.valueMax), \"currency\": \"CNY\"}")
        var feed = try PeriodFeed()
        for _ in 0..<3 { try feed.donation("2024-03-01", Self.max - 1, form: "cash") }
        let findings = try feed.run(SplitCashRule.ruleID, ruleSet: large)
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.rule == "AML-SPLIT" && finding.severity == .error && finding.seq == 2 && finding.year == 2024)
        #expect(finding.message.contains(TallyOverflow.phrase) && !Self.holdsOutOfRangeNumber(finding.message), "\(finding.message)")
    }

    @Test func aRatioYearPastTheBoundIsAnErrorAndTheRatiosRefuseIt() throws {
        var feed = try PeriodFeed()
        try feed.donation("2024-03-01", Self.max)
        try feed.donation("2024-04-01", Self.max)
        try feed.spend("2025-03-01", 100)
        try feed.spend("2027-03-01", 100)
        // The export's computation fails, naming the year, rather than print a wrong figure.
        let error = #expect(throws: LedgerError.self) { try feed.ratios() }
        #expect(error?.code == .invalidEntry && error?.message.contains("2024") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(TallyOverflow.phrase) == true, "\(error?.message ?? "")")
        let findings = try feed.run(RatioTable.ruleID)
        let errors = findings.filter { $0.severity == .error }
        // 2024 left the range; 2025–2027 read 2024 (last year's income, the three-year average).
        #expect(Set(errors.compactMap(\.year)) == [2024, 2025, 2026, 2027], "\(errors)")
        #expect(errors.allSatisfy { $0.message.contains(TallyOverflow.phrase) && $0.message.contains("seq 2") }, "\(errors)")
        #expect(findings.allSatisfy { !Self.holdsOutOfRangeNumber($0.message) }, "\(findings)")
    }
}
