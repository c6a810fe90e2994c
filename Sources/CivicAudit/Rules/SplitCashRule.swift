import CivicLedger

/// AML-SPLIT: several cash donations from one identified party on one value date, each
/// below the large-cash threshold of their currency, that together reach it (a
/// structuring signal). Kept per party, currency and day: total, count and seqs (the first
/// `listedMax`). Reversed donations leave the day's total; anonymous gifts have no party
/// to group by and are left to AML-CASH.
public struct SplitCashRule: PeriodRule {
    public static let ruleID = "AML-SPLIT"
    static let listedMax = 20
    public let info: RuleInfo
    public let thresholds: [String: Money]

    struct Day {
        var total: Int64 = 0
        var count = 0
        var largest: Int64 = 0
        var seqs: [UInt64] = []
        var year = 0
    }
    private var days: [String: Day] = [:]

    public init(info: RuleInfo, thresholds: [Money]) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.thresholds = Dictionary(thresholds.map { ($0.currency.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The day key of a cash donation from a party in a currency with a threshold.
    private func key(_ entry: Entry) -> (String, Money)? {
        guard case .donation(let donation) = entry.body.payload, donation.form == .cash,
              case .party(let party) = donation.donor, thresholds[donation.amount.currency.code] != nil else { return nil }
        return (party.ref + "|" + donation.amount.currency.code + "|" + entry.body.date, donation.amount)
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        if case .reversal(let reversal) = entry.body.payload {
            guard let target = context.entry(reversal.target), let (key, amount) = key(target),
                  var day = days[key] else { return }
            day.total = AuditMath.add(day.total, -amount.value)
            day.count -= 1
            day.seqs.removeAll { $0 == target.seq }
            days[key] = day
            return
        }
        guard let (key, amount) = key(entry) else { return }
        var day = days[key] ?? Day()
        day.total = AuditMath.add(day.total, amount.value)
        day.count += 1
        day.largest = max(day.largest, amount.value)
        day.year = entry.valueYear
        if day.seqs.count < SplitCashRule.listedMax { day.seqs.append(entry.seq) }
        days[key] = day
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        days.keys.sorted().compactMap { key -> Finding? in
            let day = days[key]!
            let parts = key.split(separator: "|", maxSplits: 2).map(String.init)
            guard day.count >= 2, let threshold = thresholds[parts[1]], day.largest < threshold.value,
                  day.total >= threshold.value, summary.includes(year: day.year) else { return nil }
            return Finding(rule: info, severity: info.severity, year: day.year, seqs: day.seqs,
                           message: "\(day.count) cash donations from \(parts[0]) on \(parts[2]), each under the \(threshold) "
                               + "threshold, together reach \(Book.format(day.total, parts[1]))")
        }
    }
}
