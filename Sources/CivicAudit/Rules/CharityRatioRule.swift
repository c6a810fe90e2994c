import CivicLedger

/// LAW-RATIO: per year, charitable spending against last year's income (or prior-year net
/// assets) and administrative costs against this year's spending, with the thresholds of
/// the organisation's row in the rule set (`RatioTable`, computed by `CharityRatios`).
/// A failed part is a finding of the rule's severity (info while the year is not over);
/// a passed or unjudged part is an `info` finding saying which test applied or why not.
public struct CharityRatioRule: PeriodRule {
    public static let ruleID = RatioTable.ruleID
    public let info: RuleInfo
    public let table: RatioTable
    private var tally = RatioTally()

    public init(info: RuleInfo, table: RatioTable) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.table = table
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        var target: Entry?
        if case .reversal(let reversal) = entry.body.payload { target = context.entry(reversal.target) }
        tally.observe(entry, target: target)
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        let organization = summary.organization
        guard !table.candidates(organization).isEmpty else {
            let status = organization.publicFundraising ? "with" : "without"
            return [note(year: summary.year, "the rule set has no ratio thresholds for a \(organization.type.rawValue) "
                + "\(status) public-fundraising status; the ratios are not judged")]
        }
        return table.years(tally, lastTime: summary.lastTime).filter { summary.includes(year: $0.year) }.flatMap(findings)
    }

    private func note(year: Int?, _ message: String) -> Finding {
        Finding(rule: info.id, severity: .info, seq: nil, id: nil, message: message, year: year)
    }

    private func findings(_ ratio: RatioYear) -> [Finding] {
        let money = { (value: Int64) in Book.format(value, ratio.currency) }
        let y = ratio.year
        if let problem = ratio.outOfRange {
            return [Finding(rule: info.id, severity: .error, seq: nil, id: nil,
                            message: "\(y): \(info.id): \(problem); the ratios are not judged", year: y)]
        }
        let progress = ratio.complete ? "" : " (year in progress)"
        let unconfirmed = ratio.unconfirmed ? " (thresholds flagged unconfirmed in the rule set)" : ""
        func finding(_ outcome: RatioYear.Outcome, _ message: String) -> Finding {
            let severity: Severity = outcome == .fail && ratio.complete ? info.severity : .info
            return Finding(rule: info.id, severity: severity, seq: nil, id: nil, message: "\(y): " + message + progress + unconfirmed, year: y)
        }
        var result: [Finding] = []

        // Spending.
        if ratio.spending == .unknown {
            let why = ratio.notes.isEmpty ? "the data needed is missing" : ratio.notes.joined(separator: "; ")
            result.append(finding(.unknown, "charitable spending \(money(ratio.charitable)) is not judged: \(why)"))
        } else {
            var parts: [String] = []
            if let minimum = ratio.minSpendingOfPriorIncomeBP, let prior = ratio.priorIncome {
                let share = ratio.spendingOfPriorIncomeBP.map(AuditMath.percent) ?? "—"
                parts.append("\(share) of \(y - 1) income \(money(prior)) (at least \(AuditMath.percent(minimum)))")
                if ratio.spendingTest == .threeYearAverage, let average = ratio.averagePriorIncome {
                    let averageShare = AuditMath.basisPoints(ratio.charitable, of: average).map(AuditMath.percent) ?? "—"
                    parts.append("on the three-year average (art. 10) \(averageShare) of the \(y - Int(table.averageYears))–\(y - 1) "
                        + "average income \(money(average))")
                }
            }
            if let minimum = ratio.minSpendingOfNetAssetsBP, let assets = ratio.netAssets {
                let share = ratio.spendingOfNetAssetsBP.map(AuditMath.percent) ?? "—"
                parts.append("\(share) of prior-year net assets \(money(assets)) (at least \(AuditMath.percent(minimum)))")
            }
            let verdict = ratio.spending == .pass
                ? (ratio.spendingTest == .threeYearAverage ? "passes on the three-year average" : "passes on the single year")
                : (ratio.spendingTest == .threeYearAverage ? "fails on the single year and on the three-year average" : "fails")
            result.append(finding(ratio.spending, "charitable spending \(money(ratio.charitable)) is "
                + parts.joined(separator: "; ") + ": " + verdict))
        }

        // Administrative costs.
        if let cap = ratio.maxAdminOfSpendingBP {
            let share = ratio.adminOfSpendingBP.map(AuditMath.percent) ?? "0%"
            let head = "administrative costs \(money(ratio.administrative)) are \(share) of total spending \(money(ratio.totalSpending))"
                + " (at most \(AuditMath.percent(cap)))"
            switch (ratio.adminTest, ratio.admin) {
            case (.underFloor, _):
                result.append(finding(.pass, head + ": under the \(money(ratio.adminFloor ?? 0)) floor, the cap does not apply (art. 11)"))
            case (.threeYearAverage, let outcome):
                let verdict = outcome == .pass ? "passes on the three-year average (art. 10)" : "fails on the single year and on the three-year average"
                result.append(finding(outcome, head + ": over on the single year; \(verdict)"))
            case (_, let outcome):
                result.append(finding(outcome, head + (outcome == .pass ? ": passes on the single year" : ": fails")))
            }
        }
        if ratio.spending != .unknown, !ratio.notes.isEmpty {
            result.append(finding(.unknown, ratio.notes.joined(separator: "; ")))
        }
        // The ratios are judged on the ledger's currency only: money in another currency
        // makes them incomplete, which the reader must see (a warning, not a note).
        if ratio.otherCurrencyEntries > 0 {
            result.append(Finding(rule: info.id, severity: .warning, seq: nil, id: nil, message: "\(y): \(ratio.otherCurrencyEntries) "
                + "income or spending entries in another currency than \(ratio.currency) are left out: the ratios above are incomplete",
                year: y))
        }
        return result
    }
}
