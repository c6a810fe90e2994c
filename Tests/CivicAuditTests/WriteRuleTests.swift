import CivicAudit
import CivicLedger
import Foundation
import Testing

/// Each write-time rule: valid data passes, each violation is refused with its rule id
/// and nothing appended, and the boundaries hold.
@Suite struct WriteRuleTests {
    typealias F = RuleFixture

    @Test func fundBalanceMayReachZeroButNotBelow() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 10_000, number: 1)])
        try ledger.expectRefused([F.disbursement("x1", fund: "GEN", value: 10_001)], rule: "STD-FUND-BAL")
        try ledger.write([F.disbursement("p1", fund: "GEN", value: 10_000)])
        try ledger.expectRefused([F.disbursement("x2", fund: "GEN", value: 1)], rule: "STD-FUND-BAL")
        try ledger.expectRefused([F.donation("x3", fund: "NONE", value: 5, number: 2)], rule: "STD-FUND-BAL")
        try ledger.expectRefused([F.fund("GEN", id: "fund-again")], rule: "STD-FUND-BAL")
        try ledger.expectRefused([F.transfer("x4", from: "GEN", to: "GEN", value: 1)], rule: "STD-FUND-BAL")
    }

    @Test func aBatchIsJudgedInOrderAndRefusedWhole() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        // Money that arrives earlier in the same batch may be spent later in it.
        try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 500, number: 1),
                          F.disbursement("p1", fund: "GEN", value: 500)])
        // One bad entry at the end refuses the good ones before it.
        try ledger.expectRefused([F.donation("d2", fund: "GEN", value: 100, number: 2),
                                  F.disbursement("p2", fund: "GEN", value: 101)], rule: "STD-FUND-BAL")
    }

    @Test func restrictedFundsServeTheirPurpose() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.fund("EDU", restriction: "restricted", purpose: "children"), F.fund("GEN"),
                          F.donation("d1", fund: "EDU", value: 9_000, number: 1, category: "children")])
        try ledger.expectRefused([F.disbursement("x1", fund: "EDU", value: 100, category: "housing")], rule: "STD-RESTRICT")
        try ledger.expectRefused([F.transfer("x2", from: "EDU", to: "GEN", value: 100, authority: "board")], rule: "STD-RESTRICT")
        try ledger.write([F.disbursement("p1", fund: "EDU", value: 100, category: "children"),
                          F.transfer("t1", from: "EDU", to: "GEN", value: 100, authority: "donor-consent"),
                          F.transfer("t2", from: "EDU", to: "GEN", value: 100, authority: "filing")])
    }

    @Test func reversalsUndoOnceAndKeepFundsWhole() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 1_000, number: 1),
                          F.donation("d2", fund: "GEN", value: 1_000, number: 2),
                          F.disbursement("p1", fund: "GEN", value: 1_500)])
        // seq 1 fund, 2 d1, 3 d2, 4 p1. Undoing d1 would leave -500.
        try ledger.expectRefused([F.reversal("r0", target: 2)], rule: "STD-REVERSAL")
        try ledger.expectRefused([F.reversal("r1", target: 1)], rule: "STD-REVERSAL")
        try ledger.expectRefused([F.reversal("r2", target: 99)], rule: "STD-REVERSAL")
        try ledger.write([F.reversal("r3", target: 4)])
        try ledger.expectRefused([F.reversal("r4", target: 4)], rule: "STD-REVERSAL")
        try ledger.expectRefused([F.reversal("r5", target: 5)], rule: "STD-REVERSAL")
        // With the payout undone the donation can be reversed, down to exactly zero... twice over, no.
        try ledger.write([F.reversal("r6", target: 2)])
        try ledger.write([F.reversal("r7", target: 3)])
        try ledger.expectRefused([F.disbursement("x", fund: "GEN", value: 1)], rule: "STD-FUND-BAL")
    }

    @Test func receiptNumbersAreUsedOncePerSeries() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 100, number: 1),
                          F.donation("d2", fund: "GEN", value: 100, series: "R2026", number: 1)])
        try ledger.expectRefused([F.donation("d3", fund: "GEN", value: 100, number: 1)], rule: "STD-RECEIPT")
        try ledger.expectRefused([F.donation("d4", fund: "GEN", value: 100, number: 7),
                                  F.donation("d5", fund: "GEN", value: 100, number: 7)], rule: "STD-RECEIPT")
        try ledger.write([F.donation("d6", fund: "GEN", value: 100, number: 2), F.donation("d7", fund: "GEN", value: 100)])
    }

    @Test func individualPensionCapIsPerParticipantAndYear() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.pension("c1", participant: "P-1", value: 1_000_000),
                          F.pension("c2", participant: "P-1", value: 200_000)])  // exactly 12,000.00 CNY
        try ledger.expectRefused([F.pension("c3", participant: "P-1", value: 1)], rule: "MKT-IPENSION")
        try ledger.write([F.pension("c4", participant: "P-2", value: 1_200_000),
                          F.pension("c5", participant: "P-1", value: 1_200_000, date: "2026-01-05")])
        // Reversing a contribution gives its room back.
        try ledger.write([F.reversal("r1", target: 2)])
        try ledger.write([F.pension("c6", participant: "P-1", value: 200_000)])
    }

    @Test func personalDataStaysOutOfTheLog() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.fund("GEN")])
        for memo in ["call 13812345678", "zhang.san@example.com", "ID 11010519491231002X"] {
            try ledger.expectRefused([F.donation("d-\(memo.count)", fund: "GEN", value: 100, number: 1, memo: memo)], rule: "STD-PII")
        }
        // Numbers that are not personal data pass: a 12-digit order number, an ID with a wrong check digit.
        try ledger.write([F.donation("d1", fund: "GEN", value: 100, number: 1, memo: "order 138123456789, ref 110105194912310021")])
    }

    @Test func idempotentRetriesAndReusedIDs() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        let first = try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 100, number: 1)])
        #expect(first.seqs == [1, 2] && first.appendedCount == 2)
        let before = try ledger.snapshot()
        let retry = try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 100, number: 1)])
        #expect(retry.seqs == [1, 2] && retry.appendedCount == 0)
        #expect(try ledger.snapshot() == before, "an idempotent retry wrote")
        try ledger.expectRefused([F.donation("d1", fund: "GEN", value: 999, number: 1)], rule: "STD-IDEMP")
        try ledger.expectRefused([F.donation("d2", fund: "GEN", value: 1, number: 2), F.donation("d2", fund: "GEN", value: 1, number: 3)],
                                 rule: "STD-IDEMP")
        // A batch mixing a retry and a new entry writes only the new one.
        let mixed = try ledger.write([F.donation("d1", fund: "GEN", value: 100, number: 1), F.donation("d3", fund: "GEN", value: 5, number: 3)])
        #expect(mixed.seqs == [2, 3] && mixed.appendedCount == 1)
    }

    @Test func thresholdsComeFromTheRuleSetData() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        var text = String(decoding: EmbeddedRuleSets.files["cn-charity"]!, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"value\": 1200000", with: "\"value\": 500000")
        let stricter = try RuleSet(json: Array(text.utf8), name: "stricter")
        #expect(throws: LedgerError.self) { try ledger.write([F.pension("c1", participant: "P-1", value: 600_000)], ruleSet: stricter) }
        try ledger.write([F.pension("c1", participant: "P-1", value: 600_000)])
    }

    @Test func theEmbeddedRuleSetsAreTheDataFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ledger/rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(names.map { String($0.dropLast(5)) }) == Set(EmbeddedRuleSets.files.keys), "run Scripts/embed-rules")
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(EmbeddedRuleSets.files[String(name.dropLast(5))] == bytes, "\(name) changed: run Scripts/embed-rules")
        }
    }
}
