import CivicLedger

/// The state of one audit pass: the running book, the rules, and the findings so far.
struct AuditPass {
    /// The integrity rules the verifier enforces, with their sources (RULES.md).
    static let integritySources: [IntegrityCheck: String] = [
        .chain: "RFC 9162 hash chain; Ledger/SPEC.md", .tree: "RFC 6962 / RFC 9162 §2.1",
        .signature: "C2SP signed-note, tlog-checkpoint", .consistency: "RFC 9162 §2.1.4",
        .canonical: "RFC 8785; entry schema v1", .store: "Ledger/SPEC.md, Storage",
    ]

    let reader: LedgerReader
    let year: Int?
    private(set) var origin = ""
    private var organization: Payload.Genesis.Organization?
    private var validator: BookValidator
    private var periodRules: [any PeriodRule]
    private var findings = FindingLimit()
    private var observed = 0
    private var lastTime = ""
    private let idIndexCovers: Bool

    init(reader: LedgerReader, ruleSet: RuleSet, year: Int?, now: Int64) throws {
        self.reader = reader
        self.year = year
        let rules = try RuleCatalogue.entryRules(ruleSet) + RuleCatalogue.auditEntryRules(ruleSet)
        validator = BookValidator(book: Book(), rules: rules, storedEntry: { reader.entry(seq: $0) })
        idIndexCovers = reader.idIndexCovers
        periodRules = try RuleCatalogue.periodRules(ruleSet)
        let time = ruleSet.rule(TimeOrderRule.ruleID)
        let tolerance = (try? ruleSet.integer(TimeOrderRule.ruleID, "future_tolerance_seconds")) ?? 300
        periodRules.append(TimeOrderRule(info: time?.info ?? RuleInfo(id: TimeOrderRule.ruleID, source: "Ledger/SPEC.md",
                                                                      severity: .warning),
                                         now: now, toleranceSeconds: tolerance))
    }

    mutating func observe(_ entry: Entry) {
        observed += 1
        lastTime = entry.time
        if case .genesis(let genesis) = entry.body.payload {
            origin = genesis.origin
            organization = genesis.org
        }
        let reader = self.reader
        let context = RuleContext(book: validator.book, entry: { reader.entry(seq: $0) })
        for index in periodRules.indices { periodRules[index].observe(entry, context: context) }
        if year == nil || entry.body.date.year == year! {
            findings.add(contentsOf: validator.judge(entry))
            if let duplicate = duplicateID(of: entry) { findings.add(duplicate) }
        }
        validator.take(entry)
        // Reversal targets are read back from the ledger, so nothing needs keeping.
        validator.settle()
    }

    /// STD-IDEMP over a written log: an id used by an earlier entry.
    private func duplicateID(of entry: Entry) -> Finding? {
        guard idIndexCovers, let first = (try? reader.earlierSeq(id: entry.body.id, before: entry.seq)) ?? nil else {
            return nil
        }
        return Finding(rule: "STD-IDEMP", severity: .error, seq: entry.seq, id: entry.body.id,
                       message: "id \(entry.body.id) was already used by seq \(first)")
    }

    mutating func record(_ finding: Finding) {
        findings.add(finding)
    }

    func finish(origin: String) -> [Finding] {
        var findings = self.findings.findings
        if !idIndexCovers {
            findings.append(Finding(rule: "STD-IDEMP", severity: .info, seq: nil, id: nil,
                                    message: "not checked: the id index does not cover the ledger (the next write rebuilds it)"))
        }
        guard let organization else { return findings }
        let summary = AuditSummaryContext(organization: organization, origin: origin, book: validator.book,
                                          year: year, lastTime: lastTime)
        return findings + periodRules.flatMap { $0.finish(summary) }
    }

    func ruleRuns(integrityChecked: Bool) -> [AuditReport.RuleRun] {
        let integrity = IntegrityCheck.allCases.map {
            AuditReport.RuleRun(info: RuleInfo(id: $0.rawValue, source: AuditPass.integritySources[$0]!, severity: .error),
                                checked: observed)
        }
        let idempotency = AuditReport.RuleRun(info: RuleInfo(id: "STD-IDEMP", source: "TigerBeetle/Formance idempotency practice",
                                                             severity: .error), checked: observed)
        return integrity + validator.rules.map { AuditReport.RuleRun(info: $0.info, checked: observed) } + [idempotency]
            + periodRules.map { AuditReport.RuleRun(info: $0.info, checked: observed) }
    }
}
