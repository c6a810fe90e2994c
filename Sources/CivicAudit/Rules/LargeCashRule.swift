import CivicLedger

/// AML-CASH: a single cash donation at or above the rule set's threshold for its currency
/// (50,000 CNY; USD 10,000) is flagged for a person's look, and an anonymous one also as
/// needing an identified donor. Cash in a currency without a threshold is not judged;
/// reversed donations are not reported.
public struct LargeCashRule: PeriodRule {
    public static let ruleID = "AML-CASH"
    public let info: RuleInfo
    public let thresholds: [String: Money]
    private var flagged: [UInt64: Finding] = [:]

    public init(info: RuleInfo, thresholds: [Money]) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.thresholds = Dictionary(thresholds.map { ($0.currency.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        if case .reversal(let reversal) = entry.body.payload {
            flagged[reversal.target] = nil
            return
        }
        guard case .donation(let donation) = entry.body.payload, donation.form == .cash,
              let threshold = thresholds[donation.amount.currency.code], donation.amount.value >= threshold.value else { return }
        var message = "a cash donation of \(donation.amount) on \(entry.body.date) reaches the \(threshold) large-cash threshold"
        switch donation.donor {
        case .anonymous: message += "; it is anonymous and needs an identified donor"
        case .party(let party): message += " (donor \(party.ref))"
        }
        flagged[entry.seq] = Finding(rule: info, severity: info.severity, year: entry.valueYear, seqs: [entry.seq],
                                     id: entry.body.id, message: message)
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        flagged.keys.sorted().map { flagged[$0]! }.filter { summary.includes(year: $0.year ?? 0) }
    }
}
