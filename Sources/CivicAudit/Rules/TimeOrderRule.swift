import CivicLedger

/// INT-TIME: an entry's `time` never goes back along the log and is not later than the
/// audit's clock plus a tolerance (data: `future_tolerance_seconds`); its value date lies
/// in `CivilDate.writable`, at most `valueDateDaysAfterMax` days after `time` and at most
/// `valueDateDaysBeforeMax` days before it (Ledger/SPEC.md, "Value dates").
public struct TimeOrderRule: PeriodRule {
    public static let ruleID = "INT-TIME"
    /// Findings kept in full; past this they are counted.
    static let findingCountMax = 100
    /// A value date over a year after it was recorded is a typo, not a plan.
    public static let valueDateDaysAfterMax = 366
    /// Ten years back covers importing an organisation's retained records.
    public static let valueDateDaysBeforeMax = 3_653
    public let info: RuleInfo
    let latestAllowed: String
    private var previous = ""
    private var findings: [Finding] = []
    private var extra = 0

    public init(info: RuleInfo, now: Int64, toleranceSeconds: Int64) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.latestAllowed = UTCClock.format(unixSeconds: now + toleranceSeconds)
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        // RFC 3339 UTC times of one fixed width order as strings do.
        if entry.time < previous {
            record(entry, "time \(entry.time) is earlier than the previous entry's \(previous)")
        }
        if entry.time > latestAllowed {
            record(entry, "time \(entry.time) is in the future (the audit's clock allows up to \(latestAllowed))")
        }
        previous = max(previous, entry.time)
        if let problem = valueDateProblem(entry) { record(entry, problem) }
    }

    private func valueDateProblem(_ entry: Entry) -> String? {
        let date = entry.body.date
        if let problem = date.writableProblem { return "value date \(problem)" }
        guard let recorded = CivilDate(dateOf: entry.time) else { return nil }
        let days = date.daysSinceEpoch - recorded.daysSinceEpoch
        if days > TimeOrderRule.valueDateDaysAfterMax {
            return "value date \(date) is \(days) days after the entry's time \(entry.time) "
                + "(more than \(TimeOrderRule.valueDateDaysAfterMax))"
        }
        if -days > TimeOrderRule.valueDateDaysBeforeMax {
            return "value date \(date) is \(-days) days before the entry's time \(entry.time) "
                + "(more than \(TimeOrderRule.valueDateDaysBeforeMax))"
        }
        return nil
    }

    private mutating func record(_ entry: Entry, _ message: String) {
        guard findings.count < TimeOrderRule.findingCountMax else { extra += 1; return }
        findings.append(Finding(rule: info.id, severity: info.severity, seq: entry.seq, id: entry.body.id, message: message))
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        guard extra > 0 else { return findings }
        return findings + [Finding(rule: info, year: nil, message: "\(extra) more entries break INT-TIME")]
    }
}
