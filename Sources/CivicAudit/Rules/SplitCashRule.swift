import CivicLedger

/// AML-SPLIT: several cash donations from one identified party on one value date, each
/// below the large-cash threshold of their currency, that together reach it (a
/// structuring signal). Kept per party, currency and day: total, count and seqs (the first
/// `listedMax`). Reversed donations leave the day's total; anonymous gifts have no party
/// to group by and are left to AML-CASH.
///
/// Memory stays bounded: past `dayCountMax` open party-days, the days more than a week
/// older than the newest value date seen (then, if need be, the oldest half) are judged
/// and dropped. A gift recorded later for a dropped day is judged with that day's later
/// gifts only, and a reversal of a dropped day's gift no longer withdraws its finding.
public struct SplitCashRule: PeriodRule {
    public static let ruleID = "AML-SPLIT"
    static let listedMax = 20
    static let dayCountMax = 1 << 16
    static let settleDays = 7
    public let info: RuleInfo
    public let thresholds: [String: Money]

    struct Day {
        var total: Int64 = 0
        var count = 0
        var largest: Int64 = 0
        var seqs: [UInt64] = []
        var year = 0
        /// Set once the day's total left ±(2^53−1): the day is reported, not judged.
        var overflow: TallyOverflow?

        mutating func add(_ value: Int64, seq: UInt64) {
            guard overflow == nil else { return }
            switch TallyOverflow.add(total, value, seq: seq) {
            case .success(let sum): total = sum
            case .failure(let failure): overflow = failure
            }
        }
    }
    private var days: [String: Day] = [:]
    private var settled = FindingLimit()
    private var newest = 0

    public init(info: RuleInfo, thresholds: [Money]) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.thresholds = Dictionary(thresholds.map { ($0.currency.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The day key of a cash donation from a party in a currency with a threshold.
    private func key(_ entry: Entry) -> (String, Money)? {
        guard case .donation(let donation) = entry.body.payload, donation.form == .cash,
              case .party(let party) = donation.donor, thresholds[donation.amount.currency.code] != nil else { return nil }
        return (party.ref + "|" + donation.amount.currency.code + "|" + entry.body.date.text, donation.amount)
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        if case .reversal(let reversal) = entry.body.payload {
            guard let target = ReversalNetting.cancelledTarget(of: entry, target: context.entry(reversal.target),
                                                               reversed: context.book.reversed),
                  let (key, amount) = key(target),
                  var day = days[key] else { return }
            day.add(-amount.value, seq: entry.seq)
            day.count -= 1
            day.seqs.removeAll { $0 == target.seq }
            days[key] = day
            return
        }
        guard let (key, amount) = key(entry) else { return }
        // In place: a day taken out and stored back would copy its seqs on every gift.
        SplitCashRule.take(amount.value, of: entry, into: &days[key, default: Day()])
        newest = max(newest, entry.body.date.daysSinceEpoch)
        if days.count > SplitCashRule.dayCountMax { settleOldDays() }
    }

    private static func take(_ value: Int64, of entry: Entry, into day: inout Day) {
        day.add(value, seq: entry.seq)
        day.count += 1
        day.largest = max(day.largest, value)
        day.year = entry.valueYear
        if day.seqs.count < SplitCashRule.listedMax { day.seqs.append(entry.seq) }
    }

    /// Judges and drops the days that can no longer be expected to grow.
    private mutating func settleOldDays() {
        let dated = days.keys.map { key in (key, CivilDate(String(key.split(separator: "|").last ?? ""))?.daysSinceEpoch ?? 0) }
        var drop = dated.filter { $0.1 < newest - SplitCashRule.settleDays }.map(\.0)
        if days.count - drop.count > SplitCashRule.dayCountMax / 2 {
            let keep = Set(drop)
            let rest = dated.filter { !keep.contains($0.0) }.sorted { $0.1 < $1.1 }
            drop += rest.prefix(days.count - drop.count - SplitCashRule.dayCountMax / 2).map(\.0)
        }
        for key in drop {
            if let finding = finding(key: key, day: days[key]!) { settled.add(finding) }
            days[key] = nil
        }
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        let open = days.keys.sorted().compactMap { finding(key: $0, day: days[$0]!) }
        return (settled.findings + open).filter { summary.includes(year: $0.year ?? 0) }
    }

    private func finding(key: String, day: Day) -> Finding? {
        let parts = key.split(separator: "|", maxSplits: 2).map(String.init)
        if let overflow = day.overflow {
            return overflow.finding(info, year: day.year, what: "cash donations from \(parts[0]) in \(parts[1]) on \(parts[2])")
        }
        guard day.count >= 2, let threshold = thresholds[parts[1]], day.largest < threshold.value,
              day.total >= threshold.value else { return nil }
        return Finding(rule: info, severity: info.severity, year: day.year, seqs: day.seqs,
                       message: "\(day.count) cash donations from \(parts[0]) on \(parts[2]), each under the \(threshold) "
                           + "threshold, together reach \(Book.format(day.total, threshold.currency))")
    }
}
