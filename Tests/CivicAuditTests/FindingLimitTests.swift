@testable import CivicAudit
import Testing

@Suite struct FindingLimitTests {
    @Test func aRuleBrokenByEveryEntryKeepsAThousandAndCountsTheRest() {
        var limit = FindingLimit()
        for seq in 0..<2_500 as Range<UInt64> {
            limit.add(Finding(rule: "DIS-CHECKPOINT", severity: .warning, seq: seq, id: nil, message: "late", year: 2025))
        }
        limit.add(Finding(rule: "STD-PII", severity: .error, seq: 7, id: nil, message: "phone"))
        let findings = limit.findings
        #expect(findings.count == FindingLimit.perRuleMax + 2)
        #expect(findings.filter { $0.rule == "STD-PII" }.count == 1)
        let closing = findings.last { $0.rule == "DIS-CHECKPOINT" }
        #expect(closing?.seq == nil && closing?.message.hasPrefix("1500 more findings") == true && closing?.year == 2025)
    }
}
