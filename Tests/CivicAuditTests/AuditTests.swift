import CivicAudit
import CivicLedger
import Foundation
import Testing

/// The audit re-runs every rule over a log written by another tool (here: the writer with
/// schema checks only), so a ledger that breaks a rule is reported under that rule's id.
@Suite struct AuditTests {
    typealias F = RuleFixture

    /// Writes `lines` without the write-time rules, then audits the ledger.
    func audit(_ lines: [String], year: Int? = nil) throws -> AuditReport {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        _ = try LedgerWriter.open(directory: ledger.directory, signer: ledger.signer).append(lines.map(RuleFixture.body))
        return try Auditor(log: try LedgerReader(directory: ledger.directory), verifiers: [ledger.signer.verifier],
                           ruleSet: try RuleSet.shipped(RuleSet.defaultName), year: year, now: 1_900_000_000).run()
    }

    func errors(_ report: AuditReport) -> Set<String> {
        Set(report.findings.filter { $0.severity == .error }.map(\.rule))
    }

    @Test func eachBrokenRuleIsReportedUnderItsID() throws {
        let cases: [(String, [String])] = [
            ("STD-FUND-BAL", [F.fund("GEN"), F.disbursement("p1", fund: "GEN", value: 1)]),
            ("STD-RESTRICT", [F.fund("EDU", restriction: "restricted", purpose: "children"),
                              F.donation("d1", fund: "EDU", value: 100, number: 1, category: "children"),
                              F.disbursement("p1", fund: "EDU", value: 10, category: "housing")]),
            ("STD-REVERSAL", [F.fund("GEN"), F.donation("d1", fund: "GEN", value: 100, number: 1),
                              F.reversal("r1", target: 2), F.reversal("r2", target: 2)]),
            ("STD-RECEIPT", [F.fund("GEN"), F.donation("d1", fund: "GEN", value: 100, number: 1),
                             F.donation("d2", fund: "GEN", value: 100, number: 1)]),
            ("STD-PII", [F.fund("GEN"), F.donation("d1", fund: "GEN", value: 100, number: 1, memo: "a@b.example.com")]),
            ("MKT-IPENSION", [F.pension("c1", participant: "P", value: 1_200_001)]),
        ]
        for (rule, lines) in cases {
            let report = try audit(lines)
            #expect(errors(report).contains(rule), "\(rule): \(report.findings.map(\.rule))")
            let finding = report.findings.first { $0.rule == rule }
            #expect(finding?.seq != nil || finding?.year != nil, "\(rule) points nowhere")
            #expect(report.fails(at: .error))
        }
    }

    @Test func aCleanLedgerHasNoErrorsAndTheReportIsStable() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 10_000, number: 1),
                          F.disbursement("p1", fund: "GEN", value: 5_000)])
        let auditor = Auditor(log: try LedgerReader(directory: ledger.directory), verifiers: [ledger.signer.verifier],
                              ruleSet: try RuleSet.shipped(RuleSet.defaultName), now: 1_900_000_000)
        let first = try auditor.run()
        #expect(errors(first).isEmpty, "\(first.findings)")
        #expect(!first.fails(at: .error))
        #expect(CanonicalJSON.encode(first.json) == CanonicalJSON.encode(try auditor.run().json))
        #expect(first.rules.count >= 20)
    }

    @Test func integrityFailuresBecomeFindingsAndTheYearFilterHolds() throws {
        let ledger = try RuleFixture()
        defer { ledger.remove() }
        try ledger.write([F.fund("GEN"), F.donation("d1", fund: "GEN", value: 10_000, number: 1)])
        let stranger = try NoteSigner.generate(name: ledger.signer.name)
        let report = try Auditor(log: try LedgerReader(directory: ledger.directory), verifiers: [stranger.verifier],
                                 ruleSet: try RuleSet.shipped(RuleSet.defaultName), now: 1_900_000_000).run()
        #expect(errors(report) == ["INT-SIG"] && report.stoppedAt != nil)
        let other = try audit([F.fund("GEN"), F.disbursement("p1", fund: "GEN", value: 1)], year: 2024)
        #expect(!errors(other).contains("STD-FUND-BAL"), "a 2025 entry is outside a 2024 audit")
    }
}
