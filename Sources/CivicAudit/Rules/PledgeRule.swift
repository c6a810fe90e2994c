import CivicLedger

/// MKT-PLEDGE: a business that pledges sales or auction proceeds needs a donation
/// agreement recorded before the event. The ledger holds no pledge agreements, so when it
/// records donations from enterprises the rule says, once, as `info`, that it cannot check.
public struct PledgeRule: PeriodRule {
    public static let ruleID = "MKT-PLEDGE"
    public let info: RuleInfo
    /// Donations from enterprises per value-date year (bounded by years).
    private var enterpriseDonations: [Int: Int] = [:]

    public init(info: RuleInfo) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        guard case .donation(let donation) = entry.body.payload, case .party(let party) = donation.donor,
              party.type == .enterprise else { return }
        enterpriseDonations[entry.valueYear, default: 0] += 1
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        let count = enterpriseDonations.filter { summary.includes(year: $0.key) }.values.reduce(0, +)
        guard count > 0 else { return [] }
        return [Finding(rule: info, severity: .info, year: summary.year,
                        message: "the ledger holds no pledge agreements: whether the \(count) donations from enterprises "
                            + "include pledged sales or auction proceeds, agreed before the event, cannot be checked")]
    }
}
