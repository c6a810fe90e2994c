import CivicLedger

/// DIS-CHECKPOINT: a donation is published in a signed checkpoint within the configured
/// period after its value date. Every write signs a checkpoint, so the entry's `time` (when
/// it was recorded) is when it was first published: a donation recorded more than
/// `period_months` after its value date (`emergency_period_days` for a fund listed in
/// `emergency_funds`, an emergency campaign) is flagged.
///
/// A `backfill` declaration that opens its batch covers the rest of that batch: a late
/// donation in it dated on or before the declaration's `until` is counted into one info
/// finding for the declaration instead of a warning of its own. A donation dated after
/// `until`, or outside the batch, is judged as ever; a declaration that does not open its
/// batch (or whose batch the audit does not know) is ignored with an error finding.
public struct CheckpointDelayRule: PeriodRule {
    public static let ruleID = "DIS-CHECKPOINT"
    public let info: RuleInfo
    public let periodMonths: Int64
    public let emergencyPeriodDays: Int64
    public let emergencyFunds: Set<String>
    private var late = FindingLimit()
    /// The declaration in force, and every declaration met with its count of backfilled donations.
    private var scope: BackfillScope?
    private var declarations: [BackfillScope] = []

    public init(info: RuleInfo, periodMonths: Int64, emergencyPeriodDays: Int64, emergencyFunds: [String]) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.periodMonths = periodMonths
        self.emergencyPeriodDays = emergencyPeriodDays
        self.emergencyFunds = Set(emergencyFunds)
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        if let current = scope, entry.seq >= current.end { close() }
        if case .backfill(let declaration) = entry.body.payload {
            declare(declaration, entry: entry, batch: context.batch)
            return
        }
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
        if scope?.covers(entry) == true {
            scope!.backfilled += 1
            return
        }
        let days = recorded.daysSinceEpoch - value.daysSinceEpoch
        self.late.add(Finding(rule: info, severity: info.severity, year: value.year, seqs: [entry.seq], id: entry.body.id,
                                 message: "a donation dated \(value.text) was first published on \(recorded.text), "
                                     + "\(days) days later, beyond \(period)"))
    }

    private mutating func declare(_ declaration: Payload.Backfill, entry: Entry, batch: Range<UInt64>?) {
        close()
        let problem = batch.map { declaration.problem(seq: entry.seq, batchStart: $0.lowerBound, time: entry.time) }
            ?? "the batch it was written in is not known"
        if let batch, problem == nil {
            scope = BackfillScope(seq: entry.seq, id: entry.body.id, until: declaration.until, end: batch.upperBound,
                                  recorded: entry.time)
            return
        }
        self.late.add(Finding(rule: info.id, severity: .error, seq: entry.seq, id: entry.body.id,
                              message: "the backfill declaration is ignored: \(problem ?? "")"))
    }

    private mutating func close() {
        if let scope { declarations.append(scope) }
        scope = nil
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        let all = declarations + (scope.map { [$0] } ?? [])
        let backfills = all.map { scope in
            Finding(rule: info.id, severity: .info, seq: scope.seq, id: scope.id,
                    message: "seqs \(scope.seq + 1)…\(scope.end - 1) are declared the backfill of books kept elsewhere until "
                        + "\(scope.until.text), recorded \(scope.recorded): \(scope.backfilled) donations dated up to then "
                        + "were published late as backfill, not flagged one by one")
        }
        return backfills + late.findings.filter { $0.year == nil || summary.includes(year: $0.year!) }
    }
}

/// The entries a backfill declaration covers: those after it in its batch, up to `end`
/// (exclusive), dated on or before `until`.
struct BackfillScope: Sendable {
    let seq: UInt64
    let id: String
    let until: CivilDate
    let end: UInt64
    let recorded: String
    var backfilled = 0

    func covers(_ entry: Entry) -> Bool {
        entry.seq > seq && entry.seq < end && entry.body.date <= until
    }
}
