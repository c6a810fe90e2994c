@testable import CivicAudit
import CivicLedger
import Testing

/// The audit entry rules: STD-USCC, STD-REGION, STD-KIND-INKIND (warnings, never at write).
@Suite struct SyntaxRuleTests {
    @Test func creditCodeCheckCharacter() throws {
        #expect(CreditCodeRule.problem("91350100M000100Y43") == nil)
        #expect(CreditCodeRule.problem("53100000500021676K") == nil)
        #expect(CreditCodeRule.problem("91350100M000100Y44")?.contains("GB 32100-2015 gives 3") == true)
        #expect(CreditCodeRule.problem("91350100M000100I43") != nil)
        #expect(CreditCodeRule.problem("9135") != nil)
        // Through the catalogue, on the genesis: the golden vector's code has a wrong check character.
        let feed = try PeriodFeed()
        #expect(try feed.check("STD-USCC").isEmpty)
        var wrong = try PeriodFeed()
        try wrong.add(#"{"kind":"fund","id":"f","date":"2025-01-02","fund":{"code":"GEN","name":"G","restriction":"unrestricted"}}"#)
        #expect(try wrong.check("STD-USCC").isEmpty, "only the genesis is judged")
        #expect(CreditCodeRule.problem("53110105MJ1234567K")?.contains("gives 5") == true)
    }

    @Test func auditEntryRulesAreNotWriteRules() throws {
        let set = try RuleSet.shipped("cn-charity")
        let audit = Set(try RuleCatalogue.auditEntryRules(set).map(\.info.id))
        #expect(audit == ["STD-USCC", "STD-REGION", "STD-KIND-INKIND"])
        #expect(try RuleCatalogue.auditEntryRules(set).allSatisfy { $0.info.severity != .error })
        #expect(Set(try RuleCatalogue.entryRules(set).map(\.info.id)).isDisjoint(with: audit))
    }

    @Test func regionCodesStartWithAProvince() throws {
        func feed(_ code: String) throws -> PeriodFeed {
            var feed = try PeriodFeed()
            try feed.add("""
            {"kind":"disbursement","id":"p1","date":"2025-04-01","fund":"GEN","amount":{"value":100,"currency":"CNY"},\
            "category":"assistance","expense":"charitable","beneficiary":{"group":"g"},"region":{"code":"\(code)","area":"rural"}}
            """)
            return feed
        }
        #expect(try feed("110118").check("STD-REGION").isEmpty)
        #expect(try feed("820000").check("STD-REGION").isEmpty)
        #expect(try feed("990101").check("STD-REGION").first?.contains("province") == true)
        #expect(try feed("100101").check("STD-REGION").count == 1)
    }

    @Test func inKindDonationsDescribeAndValueTheGoods() throws {
        func feed(description: String, valuation: Int) throws -> PeriodFeed {
            var feed = try PeriodFeed()
            try feed.add("""
            {"kind":"donation","id":"k1","date":"2025-04-01","fund":"GEN","amount":{"value":1800000,"currency":"CNY"},\
            "donor":{"anonymous":true},"form":"in-kind","in_kind":{"description":"\(description)",\
            "valuation":{"value":\(valuation),"currency":"CNY"}},"receipt":{"declined":true},"category":"old-age-service"}
            """)
            return feed
        }
        #expect(try feed(description: "电饭煲60台（发票价）", valuation: 1_800_000).check("STD-KIND-INKIND").isEmpty)
        #expect(try feed(description: "锅", valuation: 1_800_000).check("STD-KIND-INKIND").count == 1)
        #expect(try feed(description: "电饭煲60台", valuation: 1_799_999).check("STD-KIND-INKIND").first?.contains("valuation") == true)
    }
}
