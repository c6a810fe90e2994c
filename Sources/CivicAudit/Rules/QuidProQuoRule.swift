import CivicLedger

/// US-QPQ75: a quid-pro-quo gift over the threshold ($75) needs a statement of the
/// deductible part. Format v1 has no field saying a donor received goods or services, so
/// the rule counts, per year, the gifts over the threshold as `info`: they cannot be checked.
public struct QuidProQuoRule: PeriodRule {
    public static let ruleID = "US-QPQ75"
    public let info: RuleInfo
    public let threshold: Money
    private var counts: [Int: Int] = [:]

    public init(info: RuleInfo, threshold: Money) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.threshold = threshold
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        guard case .donation(let donation) = entry.body.payload, donation.amount.currency == threshold.currency,
              donation.amount.value > threshold.value else { return }
        counts[entry.valueYear, default: 0] += 1
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        counts.keys.sorted().filter { summary.includes(year: $0) }.map { year in
            Finding(rule: info, severity: .info, year: year,
                    message: "\(counts[year]!) gifts in \(year) exceed \(threshold); the ledger records no quid-pro-quo field, "
                        + "so whether a donor received goods or services and was told the deductible part cannot be checked")
        }
    }
}
