extension AuditReport {
    /// A person reads a few examples of a rule's findings; the JSON report has them all.
    public static let findingsPerRuleMax = 5

    /// The report for people: findings grouped by severity, each naming its rule, where it
    /// points (seq and id, or year) and the law or standard behind it.
    public func text(failOn level: Severity) -> String {
        var lines: [String] = []
        let root = self.root.map { ", root \($0.base64)" } ?? ""
        let scope = year.map { ", year \($0)" } ?? ""
        lines.append("Audit of \(origin) at tree size \(size)\(root); rule set \(ruleSet)\(scope)")
        if let stoppedAt { lines.append("The integrity checks stopped the audit: \(stoppedAt)") }
        let sources = Dictionary(rules.map { ($0.info.id, $0.info.source) }, uniquingKeysWith: { first, _ in first })
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            lines.append("")
            lines.append("\(severity.rawValue.uppercased()) (\(group.count))")
            var shown: [String: Int] = [:]
            for finding in group {
                shown[finding.rule, default: 0] += 1
                let count = shown[finding.rule]!
                guard count <= AuditReport.findingsPerRuleMax else { continue }
                lines.append("  \(finding.rule)  \(finding.location): \(finding.message)")
                if count == 1, let source = sources[finding.rule] { lines.append("      source: \(source)") }
            }
            for (rule, count) in shown.sorted(by: { $0.key < $1.key }) where count > AuditReport.findingsPerRuleMax {
                lines.append("  \(rule)  … and \(count - AuditReport.findingsPerRuleMax) more (all are in --format json)")
            }
        }
        lines.append("")
        lines.append("Rules run: \(rules.count) (\(rules.map(\.info.id).joined(separator: ", ")))")
        let verdict = fails(at: level) ? "FAIL" : "PASS"
        lines.append("Result: \(count(.error)) errors, \(count(.warning)) warnings, \(count(.info)) notes; \(verdict) at --fail-on \(level.rawValue)")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Finding {
    /// Where a finding points, for people: "seq 12 (id d-1)", "seqs 3, 9", "year 2025" or "ledger".
    var location: String {
        var parts: [String] = []
        if let seq { parts.append("seq \(seq)" + (id.map { " (id \($0))" } ?? "")) }
        if !seqs.isEmpty { parts.append("seqs " + seqs.prefix(8).map(String.init).joined(separator: ", ") + (seqs.count > 8 ? ", …" : "")) }
        if let year { parts.append("year \(year)") }
        return parts.isEmpty ? "ledger" : parts.joined(separator: ", ")
    }
}
