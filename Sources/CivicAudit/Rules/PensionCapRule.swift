import CivicLedger

/// MKT-IPENSION: individual-pension contributions per participant and calendar year stay
/// within the cap of the rule set (12,000 CNY in cn-charity).
public struct PensionCapRule: Rule {
    public static let ruleID = "MKT-IPENSION"
    public let info: RuleInfo
    public let cap: Money

    public init(info: RuleInfo, cap: Money) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.cap = cap
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        guard case .contribution(let contribution) = entry.body.payload, contribution.scheme == .individualPension else {
            return []
        }
        guard contribution.amount.currency == cap.currency else {
            return ["individual-pension contributions are counted in \(cap.currency), not \(contribution.amount.currency.code)"]
        }
        let key = Book.pensionKey(contribution, date: entry.body.date)
        let before = context.book.pensionTotals[key] ?? 0
        let participant = contribution.participant ?? contribution.contributor.ref
        let year = entry.body.date.year
        guard let after = try? Money.sum(before, contribution.amount.value) else {
            // Absence is the answer: a total past ±(2^53−1) is over any cap, and is never printed.
            return ["participant \(participant) would contribute more than \(Money.valueMax) minor units in \(year), "
                + "over the \(cap) cap: the \(TallyOverflow.phrase)"]
        }
        guard after > cap.value else { return [] }
        return ["participant \(participant) would contribute \(Book.format(after, cap.currency)) in \(year), over the \(cap) cap"
            + " (already \(Book.format(before, cap.currency)))"]
    }
}
