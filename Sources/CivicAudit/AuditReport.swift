import CivicLedger

/// The result of an audit: the checkpoint it was computed at, the rules that ran (and how
/// many entries or periods each checked), and every finding in log order.
public struct AuditReport: Sendable {
    public struct RuleRun: Sendable {
        public let info: RuleInfo
        public let checked: Int
    }

    public let origin: String
    public let size: UInt64
    public let root: Hash32?
    public let ruleSet: String
    public let year: Int?
    public let rules: [RuleRun]
    public let findings: [Finding]
    /// Where the integrity checks stopped the audit, when they did.
    public let stoppedAt: String?

    public func count(_ severity: Severity) -> Int {
        findings.filter { $0.severity == severity }.count
    }

    /// True when some finding reaches `level`.
    public func fails(at level: Severity) -> Bool {
        findings.contains { $0.severity >= level }
    }

    /// The machine form (README, "Audit report"): canonical JSON, so the same ledger and
    /// options always give the same bytes.
    public var json: JSONValue {
        var checkpoint: [String: JSONValue] = ["origin": .string(origin), "size": .integer(Int64(size))]
        if let root { checkpoint["root"] = .string(root.base64) }
        var summary: [String: JSONValue] = [
            "entries": .integer(Int64(size)), "rule_set": .string(ruleSet),
            "errors": .integer(Int64(count(.error))), "warnings": .integer(Int64(count(.warning))),
            "info": .integer(Int64(count(.info))),
        ]
        if let year { summary["year"] = .integer(Int64(year)) }
        if let stoppedAt { summary["stopped_at"] = .string(stoppedAt) }
        return .object([
            "checkpoint": .object(checkpoint),
            "rules": .array(rules.map { run in
                .object(["id": .string(run.info.id), "source": .string(run.info.source),
                         "severity": .string(run.info.severity.rawValue), "checked": .integer(Int64(run.checked))])
            }),
            "findings": .array(findings.map(\.json)),
            "summary": .object(summary),
        ])
    }
}

extension Finding {
    var json: JSONValue {
        var fields: [String: JSONValue] = ["rule": .string(rule), "severity": .string(severity.rawValue), "message": .string(message)]
        if let seq { fields["seq"] = .integer(Int64(seq)) }
        if !seqs.isEmpty { fields["seqs"] = .array(seqs.map { .integer(Int64($0)) }) }
        if let id { fields["id"] = .string(id) }
        if let year { fields["year"] = .integer(Int64(year)) }
        return .object(fields)
    }
}
