import CivicLedger

/// DIS-CHECKPOINT: a donation is published in a signed checkpoint within the configured
/// period after its value date. Every write signs a checkpoint, so the entry's `time` (when
/// it was recorded) is when it was first published: a donation recorded more than
/// `period_months` after its value date (`emergency_period_days` for a fund listed in
/// `emergency_funds`, an emergency campaign) is flagged.
public struct CheckpointDelayRule: PeriodRule {
    public static let ruleID = "DIS-CHECKPOINT"
    public let info: RuleInfo
    public let periodMonths: Int64
    public let emergencyPeriodDays: Int64
    public let emergencyFunds: Set<String>
    private var late = FindingLimit()

    public init(info: RuleInfo, periodMonths: Int64, emergencyPeriodDays: Int64, emergencyFunds: [String]) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.periodMonths = periodMonths
        self.emergencyPeriodDays = emergencyPeriodDays
        self.emergencyFunds = Set(emergencyFunds)
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        guard case .donation(let donation) = entry.body.payload, let recorded = CivilDate(dateOf: entry.time) else { return }
        let value = entry.body.date
        let emergency = emergencyFunds.contains(donation.fund)
        let late: Bool
        let period: String
        if emergency {
            late = Int64(recorded.daysSinceEpoch - value.daysSinceEpoch) > emergencyPeriodDays
            period = "\(emergencyPeriodDays) days (emergency campaign fund \(donation.fund))"
        } else {
            late = value.adding(months: Int(clamping: periodMonths)).map { recorded > $0 } ?? false
            period = "\(periodMonths) months"
        }
        guard late else { return }
        let days = recorded.daysSinceEpoch - value.daysSinceEpoch
        self.late.add(Finding(rule: info, severity: info.severity, year: value.year, seqs: [entry.seq], id: entry.body.id,
                                 message: "a donation dated \(value.text) was first published on \(recorded.text), "
                                     + "\(days) days later, beyond \(period)"))
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        late.findings.filter { summary.includes(year: $0.year ?? 0) }
    }
}
