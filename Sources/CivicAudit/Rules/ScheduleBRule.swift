import CivicLedger

/// US-SCHB: contributors whose gifts in a year reach the threshold ($5,000, cumulative)
/// are listed for Form 990 Schedule B, one `info` finding each, by pseudonymous ref only.
/// Donations from a party and `charity` contributions count, net of reversals; anonymous
/// gifts have no ref and are not listed. Totals are kept per party and year.
public struct ScheduleBRule: PeriodRule {
    public static let ruleID = "US-SCHB"
    public let info: RuleInfo
    public let threshold: Money
    /// Keyed "year|ref".
    private var totals: [String: Int64] = [:]
    /// Totals that left ±(2^53−1), by the same key: reported, never judged.
    private var overflows: [String: TallyOverflow] = [:]

    public init(info: RuleInfo, threshold: Money) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.threshold = threshold
    }

    private func gift(_ entry: Entry) -> (String, Int64)? {
        let ref: String
        let amount: Money
        switch entry.body.payload {
        case .donation(let donation):
            guard case .party(let party) = donation.donor else { return nil }
            ref = party.ref
            amount = donation.amount
        case .contribution(let contribution) where contribution.mechanism == .charity:
            ref = contribution.contributor.ref
            amount = contribution.amount
        default:
            return nil
        }
        guard amount.currency == threshold.currency else { return nil }
        return (String(entry.valueYear) + "|" + ref, amount.value)
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        if case .reversal(let reversal) = entry.body.payload {
            if let target = ReversalNetting.cancelledTarget(of: entry, target: context.entry(reversal.target),
                                                            reversed: context.book.reversed),
               let (key, value) = gift(target) {
                add(-value, key: key, seq: entry.seq)
            }
            return
        }
        guard let (key, value) = gift(entry) else { return }
        add(value, key: key, seq: entry.seq)
    }

    private mutating func add(_ value: Int64, key: String, seq: UInt64) {
        guard overflows[key] == nil else { return }
        switch TallyOverflow.add(totals[key] ?? 0, value, seq: seq) {
        case .success(let total): totals[key] = total
        case .failure(let overflow): overflows[key] = overflow; totals[key] = nil
        }
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        let out = overflows.keys.sorted().compactMap { key -> Finding? in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            guard let year = Int(parts[0]), summary.includes(year: year) else { return nil }
            return overflows[key]!.finding(info, year: year, what: "gifts of contributor \(parts[1]) in \(year)")
        }
        return out + totals.keys.sorted().compactMap { key -> Finding? in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            guard let year = Int(parts[0]), summary.includes(year: year), totals[key]! >= threshold.value else { return nil }
            return Finding(rule: info, severity: .info, year: year,
                           message: "contributor \(parts[1]) gave \(Book.format(totals[key]!, threshold.currency)) in \(year) "
                               + "(at least \(threshold)): list on Schedule B")
        }
    }
}
