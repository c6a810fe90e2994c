import CivicLedger

/// STD-RECEIPT (audit part): receipt numbers are gap-free per series and year (the year of
/// the donation's value date), between the lowest and the highest number used. Numbers are
/// kept as ranges (`ReceiptNumbers`), so a gap-free series costs one range. A receipt of
/// a reversed donation still used its number. The finding lists the first
/// `gaps_listed_max` missing numbers and counts them all.
public struct ReceiptGapRule: PeriodRule {
    public static let ruleID = ReceiptRule.ruleID
    public let info: RuleInfo
    public let listedMax: Int64
    private var used: [String: ReceiptNumbers] = [:]

    public init(info: RuleInfo, listedMax: Int64) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.listedMax = listedMax
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        guard case .donation(let donation) = entry.body.payload, case .issued(let series, let number) = donation.receipt else { return }
        let key = String(entry.valueYear) + "|" + series
        if used[key]?.contains(number) != true { used[key, default: ReceiptNumbers()].insert(number) }
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        used.keys.sorted().compactMap { key -> Finding? in
            let ranges = used[key]!.ranges
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            guard let year = Int(parts[0]), summary.includes(year: year), ranges.count > 1 else { return nil }
            var missing: Int64 = 0
            var listed: [String] = []
            for (before, after) in zip(ranges, ranges.dropFirst()) {
                let low = before.upperBound + 1
                let high = after.lowerBound - 1
                // Receipt numbers are JSON integers (|n| ≤ 2^53−1), so the gaps of one
                // series sum to less than 2^54: a count that cannot overflow Int64.
                missing += high - low + 1
                var number = low
                while number <= high && Int64(listed.count) < listedMax {
                    listed.append(String(number))
                    number += 1
                }
            }
            let more = missing > Int64(listed.count) ? ", …" : ""
            return Finding(rule: info, severity: info.severity, year: year,
                           message: "receipt series \(parts[1]) in \(year) (numbers \(ranges[0].lowerBound)–\(ranges.last!.upperBound)) "
                               + "misses \(missing) number\(missing == 1 ? "" : "s"): \(listed.joined(separator: ", "))\(more)")
        }
    }
}
