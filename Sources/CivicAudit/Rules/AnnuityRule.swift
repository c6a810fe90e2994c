import CivicLedger

/// MKT-ANNUITY: an enterprise-annuity contribution stays within the rule set's shares of
/// the wage base on the entry: the employer part at most `employer_max_bp` (8%), employer
/// plus employee at most `total_max_bp` (12%). A contribution without a wage base cannot be
/// judged: one `info` finding per year counts them ("needs the wage base"); one without a
/// split is judged on the total only. Reversed contributions are not reported.
public struct AnnuityRule: PeriodRule {
    public static let ruleID = "MKT-ANNUITY"
    static let listedMax = 5
    public let info: RuleInfo
    public let employerMaxBP: Int64
    public let totalMaxBP: Int64
    /// Over-limit contributions by seq (bounded by the violations).
    private var overLimit: [UInt64: Finding] = [:]
    /// Per year: contributions without a wage base (count and the first few seqs).
    private var unjudged: [Int: (count: Int, seqs: [UInt64])] = [:]

    public init(info: RuleInfo, employerMaxBP: Int64, totalMaxBP: Int64) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.employerMaxBP = employerMaxBP
        self.totalMaxBP = totalMaxBP
    }

    public mutating func observe(_ entry: Entry, context: RuleContext) {
        if case .reversal(let reversal) = entry.body.payload {
            overLimit[reversal.target] = nil
            return
        }
        guard case .contribution(let contribution) = entry.body.payload, contribution.scheme == .enterpriseAnnuity else { return }
        let year = entry.valueYear
        guard let wageBase = contribution.wageBase, wageBase.currency == contribution.amount.currency else {
            var record = unjudged[year] ?? (0, [])
            record.count += 1
            if record.seqs.count < AnnuityRule.listedMax { record.seqs.append(entry.seq) }
            unjudged[year] = record
            return
        }
        var problems: [String] = []
        let base = wageBase.value
        if let split = contribution.split, !AuditMath.productAtLeast(base, employerMaxBP, split.employer, 10_000) {
            let share = AuditMath.basisPoints(split.employer, of: base).map(AuditMath.percent) ?? "—"
            problems.append("the employer part \(Book.format(split.employer, wageBase.currency)) is \(share) of the wage base \(wageBase), "
                + "over \(AuditMath.percent(employerMaxBP))")
        }
        if !AuditMath.productAtLeast(base, totalMaxBP, contribution.amount.value, 10_000) {
            let share = AuditMath.basisPoints(contribution.amount.value, of: base).map(AuditMath.percent) ?? "—"
            problems.append("employer and employee together \(contribution.amount) are \(share) of the wage base \(wageBase), "
                + "over \(AuditMath.percent(totalMaxBP))")
        }
        if !problems.isEmpty {
            overLimit[entry.seq] = Finding(rule: info, severity: info.severity, year: year, seqs: [entry.seq], id: entry.body.id,
                                           message: problems.joined(separator: "; "))
        }
    }

    public func finish(_ summary: AuditSummaryContext) -> [Finding] {
        var findings = overLimit.keys.sorted().map { overLimit[$0]! }.filter { summary.includes(year: $0.year ?? 0) }
        for year in unjudged.keys.sorted() where summary.includes(year: year) {
            let record = unjudged[year]!
            let listed = record.seqs.map(String.init).joined(separator: ", ")
            findings.append(Finding(rule: info, severity: .info, year: year, seqs: record.seqs,
                                    message: "\(record.count) enterprise-annuity contributions in \(year) carry no wage base "
                                        + "(in their currency); the limits need the wage base (seq \(listed)\(record.count > record.seqs.count ? ", …" : ""))"))
        }
        return findings
    }
}
