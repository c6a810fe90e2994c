import CivicLedger

/// DIS-ANNUAL: the year's report is due by `due_month`/`due_day` (31 May) of the next
/// year. The ledger cannot know whether it was filed, so for each year with entries the
/// rule states the due date as `info`, and whether it has passed by the log's last time.
public struct AnnualReportRule: PeriodRule {
    public static let ruleID = "DIS-ANNUAL"
    public let info: RuleInfo
    public let dueMonth: Int64
    public let dueDay: Int64
    private var years: Set<Int> = []

    public init(info: RuleInfo, dueMonth: Int64, dueDay: Int64) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.dueMonth = dueMonth
        self.dueDay = dueDay
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        years.insert(entry.valueYear)
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        let now = CivilDate(dateOf: summary.lastTime)
        return years.sorted().filter { summary.includes(year: $0) }.map { year in
            guard let due = CivilDate.clamped(year: year + 1, month: Int(clamping: dueMonth), day: Int(clamping: dueDay)) else {
                return Finding(rule: info, severity: .info, year: year,
                               message: "the rule set's due_month \(dueMonth) is not a month 1…12; the due date is unknown")
            }
            let state = now.map { $0 > due ? "the due date has passed" : "not yet due" } ?? "the log's last time is unknown"
            return Finding(rule: info, severity: .info, year: year,
                           message: "the \(year) annual report is due by \(due.text) (\(state)); the ledger cannot show whether "
                               + "it was filed — check the registration authority's records")
        }
    }
}
