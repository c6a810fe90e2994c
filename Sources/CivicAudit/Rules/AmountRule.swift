import CivicLedger

/// STD-AMOUNT: every amount is a positive count of the currency's minor units within the
/// rule set's bound (the schema already refuses floats, unknown codes and the wrong
/// exponent), and an employer/employee split adds up to the amount.
public struct AmountRule: Rule {
    public static let ruleID = "STD-AMOUNT"
    public let info: RuleInfo
    public let maxMinorUnits: Int64

    public init(info: RuleInfo, maxMinorUnits: Int64) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.maxMinorUnits = maxMinorUnits
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        var problems = AmountRule.amounts(of: entry.body.payload).compactMap { name, money -> String? in
            guard money.value <= 0 || money.value > maxMinorUnits else { return nil }
            return "\(name) \(money) is outside 0 < amount ≤ \(Book.format(maxMinorUnits, money.currency))"
        }
        if case .contribution(let contribution) = entry.body.payload, let split = contribution.split {
            let (sum, overflow) = split.employer.addingReportingOverflow(split.employee)
            if overflow || sum != contribution.amount.value || split.employer < 0 || split.employee < 0 {
                problems.append("split employer \(split.employer) + employee \(split.employee) does not equal the amount \(contribution.amount.value)")
            }
        }
        return problems
    }

    static func amounts(of payload: Payload) -> [(String, Money)] {
        switch payload {
        case .genesis(let genesis): return genesis.org.netAssets.map { [("org.net_assets", $0)] } ?? []
        case .donation(let donation): return [("amount", donation.amount)] + (donation.inKind.map { [("in_kind.valuation", $0.valuation)] } ?? [])
        case .contribution(let contribution): return [("amount", contribution.amount)] + (contribution.wageBase.map { [("wage_base", $0)] } ?? [])
        case .disbursement(let disbursement): return [("amount", disbursement.amount)]
        case .transfer(let transfer): return [("amount", transfer.amount)]
        case .fund, .reversal, .key, .backfill: return []
        }
    }
}
