@testable import CivicAudit
import CivicLedger
import Foundation
import Testing

/// Entries fed straight to rules, without a ledger on disk: a genesis, then bodies from
/// JSON with a `time` of the value date at noon unless given. `run` takes a period rule
/// through every entry (with the book as it stood before each) and returns its findings.
struct PeriodFeed {
    private(set) var entries: [Entry] = []
    let ruleSet: RuleSet

    init(org: String = #""type":"foundation","public_fundraising":true"#, currency: String = "CNY",
         genesisDate: String = "2024-01-01", ruleSet: String = "cn-charity") throws {
        self.ruleSet = try RuleSet.shipped(ruleSet)
        let signer = try NoteSigner.generate(name: "period.example.org/ledger")
        try add("""
        {"kind":"genesis","id":"genesis","date":"\(genesisDate)","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"\(currency)","org":{"name":"Example","uscc":"53100000500021676K",\(org)}}
        """)
    }

    mutating func add(_ json: String, time: String? = nil) throws {
        let body = try RuleFixture.body(json)
        entries.append(try Entry(seq: UInt64(entries.count), prev: .zero, time: time ?? body.date.text + "T12:00:00Z", body: body))
    }

    // Entry builders: value date, amounts in minor units.

    mutating func donation(_ date: String, _ value: Int, currency: String = "CNY", donor: String? = "D-1",
                           donorType: String = "individual", form: String = "online", fund: String = "GEN",
                           receipt: String? = nil, time: String? = nil) throws {
        let party = donor.map { "{\"ref\":\"\($0)\",\"type\":\"\(donorType)\"}" } ?? "{\"anonymous\":true}"
        try add("""
        {"kind":"donation","id":"d\(entries.count)","date":"\(date)","fund":"\(fund)","amount":{"value":\(value),"currency":"\(currency)"},\
        "donor":\(party),"form":"\(form)","receipt":\(receipt ?? "{\"declined\":true}"),"category":"assistance"}
        """, time: time)
    }

    mutating func spend(_ date: String, _ value: Int, expense: String = "charitable", currency: String = "CNY") throws {
        try add("""
        {"kind":"disbursement","id":"p\(entries.count)","date":"\(date)","fund":"GEN","amount":{"value":\(value),"currency":"\(currency)"},\
        "category":"assistance","expense":"\(expense)","beneficiary":{"group":"families"}}
        """)
    }

    mutating func reverse(_ target: Int, date: String) throws {
        try add(#"{"kind":"reversal","id":"r\#(entries.count)","date":"\#(date)","target":\#(target),"reason":"entered twice"}"#)
    }

    mutating func annuity(_ date: String, amount: Int, employer: Int? = nil, wageBase: Int? = nil) throws {
        let split = employer.map { ",\"split\":{\"employer\":\($0),\"employee\":\(amount - $0)}" } ?? ""
        let base = wageBase.map { ",\"wage_base\":{\"value\":\($0),\"currency\":\"CNY\"}" } ?? ""
        try add("""
        {"kind":"contribution","id":"c\(entries.count)","date":"\(date)","contributor":{"ref":"E-1","type":"enterprise"},\
        "participant":{"ref":"P-1"},"scheme":"enterprise-annuity","tier":2,"mechanism":"market",\
        "amount":{"value":\(amount),"currency":"CNY"}\(split)\(base),"category":"pension"}
        """)
    }

    /// The findings of the period rule `id` of the rule set over every entry.
    /// `batchEnds`: the kept checkpoints' sizes, ascending (each entry's batch, as the audit
    /// tells it from them); empty: the batches are not known.
    func run(_ id: String, ruleSet: RuleSet? = nil, year: Int? = nil, lastTime: String? = nil,
             batchEnds: [UInt64] = []) throws -> [Finding] {
        guard var rule = try RuleCatalogue.periodRules(ruleSet ?? self.ruleSet).first(where: { $0.info.id == id }) else {
            Issue.record("no period rule \(id)")
            return []
        }
        var book = Book()
        let all = entries
        let lookup: (UInt64) -> Entry? = { $0 < all.count ? all[Int($0)] : nil }
        for entry in entries {
            var context = RuleContext(book: book, entry: lookup)
            if let end = batchEnds.first(where: { $0 > entry.seq }) {
                context.batch = (batchEnds.last(where: { $0 <= entry.seq }) ?? 0)..<end
            }
            rule.observe(entry, context: context)
            var target: Entry?
            if case .reversal(let reversal) = entry.body.payload { target = lookup(reversal.target) }
            try book.apply(entry, target: target)
        }
        let genesis = entries[0].body.payload.genesis!
        return rule.finish(AuditSummaryContext(organization: genesis.org, origin: genesis.origin, book: book, year: year,
                                               lastTime: lastTime ?? entries.last!.time))
    }

    /// The messages of the audit entry rule `id` on the last entry.
    func check(_ id: String) throws -> [String] {
        let rule = try #require(try RuleCatalogue.auditEntryRules(ruleSet).first { $0.info.id == id })
        let all = entries
        return rule.check(entries.last!, context: RuleContext(book: Book(), entry: { $0 < all.count ? all[Int($0)] : nil }))
    }

    /// LAW-RATIO's figures for every year.
    func ratios(lastTime: String? = nil) throws -> [RatioYear] {
        let all = entries
        return try CharityRatios.years(ruleSet: ruleSet, entries: entries, entry: { $0 < all.count ? all[Int($0)] : nil },
                                       lastTime: lastTime)
    }
}
