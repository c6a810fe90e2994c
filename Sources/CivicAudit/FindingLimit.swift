/// Keeps an audit's memory bounded whatever the ledger's size: at most `perRuleMax`
/// findings of one rule (and year) are kept in full; the rest are counted and reported in
/// one closing finding, so a rule broken by every entry costs the same as one broken once.
struct FindingLimit: Sendable {
    static let perRuleMax = 1_000

    private(set) var kept: [Finding] = []
    private var counts: [String: Int] = [:]
    private var overflow: [String: (rule: String, severity: Severity, year: Int?, count: Int)] = [:]

    mutating func add(_ finding: Finding) {
        let key = finding.rule + "|" + (finding.year.map(String.init) ?? "")
        let count = counts[key, default: 0] + 1
        counts[key] = count
        guard count > FindingLimit.perRuleMax else {
            kept.append(finding)
            return
        }
        overflow[key, default: (finding.rule, finding.severity, finding.year, 0)].count += 1
    }

    mutating func add(contentsOf findings: [Finding]) {
        for finding in findings { add(finding) }
    }

    /// The kept findings, then one finding per rule (and year) that had more.
    var findings: [Finding] {
        kept + overflow.keys.sorted().map { key in
            let more = overflow[key]!
            return Finding(rule: more.rule, severity: more.severity, seq: nil, id: nil,
                           message: "\(more.count) more findings like the \(FindingLimit.perRuleMax) above are not listed",
                           year: more.year)
        }
    }
}
