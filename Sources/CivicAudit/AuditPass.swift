import CivicLedger

/// The state of one audit pass: the running book, the rules, and the findings so far.
struct AuditPass {
    /// The integrity rules the verifier enforces, with their sources (RULES.md).
    static let integritySources: [IntegrityCheck: String] = [
        .chain: "RFC 9162 hash chain; Ledger/SPEC.md", .tree: "RFC 6962 / RFC 9162 §2.1",
        .signature: "C2SP signed-note, tlog-checkpoint", .consistency: "RFC 9162 §2.1.4",
        .canonical: "RFC 8785; entry schema v1", .store: "Ledger/SPEC.md, Storage",
    ]

    /// A year: far more than any clock skew, and small enough that time arithmetic cannot overflow.
    static let toleranceSecondsMax: Int64 = 366 * 86_400

    let reader: any VerifiableLog
    let year: Int?
    private(set) var origin = ""
    private var organization: Payload.Genesis.Organization?
    private var validator: BookValidator
    private var periodRules: [any PeriodRule]
    private var findings = FindingLimit()
    private var observed = 0
    /// The kept checkpoints' sizes (ascending) and the one that signed the entry being judged.
    private let checkpointSizes: [UInt64]
    private var batchIndex = 0
    private var lastTime = ""
    private let idIndexCovers: Bool
    /// Why the id index cannot be read, when it cannot (reported as a finding).
    private let idIndexProblem: String?

    init(reader: any VerifiableLog, ruleSet: RuleSet, year: Int?, now: Int64) throws {
        self.reader = reader
        self.year = year
        checkpointSizes = reader.checkpointSizes
        let rules = try RuleCatalogue.entryRules(ruleSet) + RuleCatalogue.auditEntryRules(ruleSet)
        validator = BookValidator(book: Book(), rules: rules, storedEntry: { try reader.entry(seq: $0) })
        do {
            idIndexCovers = try reader.idIndexCovers()
            idIndexProblem = nil
        } catch let error as LedgerError {
            idIndexCovers = false
            idIndexProblem = error.message
        }
        periodRules = try RuleCatalogue.periodRules(ruleSet)
        let time = ruleSet.rule(TimeOrderRule.ruleID)
        // The default applies only when the parameter is absent; a malformed one is an error.
        let tolerance = time?.params["future_tolerance_seconds"] == nil
            ? 300 : try ruleSet.integer(TimeOrderRule.ruleID, "future_tolerance_seconds")
        guard (0...AuditPass.toleranceSecondsMax).contains(tolerance) else {
            throw LedgerError(.usage, "rule set \(ruleSet.name): \(TimeOrderRule.ruleID).future_tolerance_seconds must be 0…\(AuditPass.toleranceSecondsMax)")
        }
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
        do {
            try judge(entry)
        } catch {
            // A reversal target that exists but cannot be read: the entry could not be judged.
            let message = (error as? LedgerError)?.message ?? "\(error)"
            findings.add(Finding(rule: IntegrityCheck.store.rawValue, severity: .error, seq: entry.seq, id: entry.body.id,
                                 message: "not judged: \(message)"))
        }
        // Reversal targets are read back from the ledger, so nothing needs keeping.
        validator.settle()
    }

    private mutating func judge(_ entry: Entry) throws {
        var target: Entry?
        if case .reversal(let reversal) = entry.body.payload, reversal.target < entry.seq {
            target = try reader.entry(seq: reversal.target)
        }
        do {
            // Scoped: the context holds the book, and a book still held when `take` changes
            // it would be copied (copy on write) on every entry.
            var context = RuleContext(book: validator.book, entry: { [target] seq in seq == target?.seq ? target : nil })
            context.batch = batch(of: entry.seq)
            for index in periodRules.indices { periodRules[index].observe(entry, context: context) }
        }
        if year == nil || entry.body.date.year == year! {
            findings.add(contentsOf: try validator.judge(entry))
            if let duplicate = try duplicateID(of: entry) { findings.add(duplicate) }
        }
        try validator.take(entry)
    }

    /// The seqs written with `seq` under one checkpoint: from the kept checkpoint below it
    /// up to the first one that covers it. Entries come in order, so the search only moves on.
    private mutating func batch(of seq: UInt64) -> Range<UInt64>? {
        while batchIndex < checkpointSizes.count && checkpointSizes[batchIndex] <= seq { batchIndex += 1 }
        guard batchIndex < checkpointSizes.count else { return nil }
        return (batchIndex == 0 ? 0 : checkpointSizes[batchIndex - 1])..<checkpointSizes[batchIndex]
    }

    /// STD-IDEMP over a written log: an id used by an earlier entry. An id index that
    /// cannot be read is an error finding, never "no duplicate".
    private func duplicateID(of entry: Entry) throws -> Finding? {
        guard idIndexCovers else { return nil }
        let first: UInt64?
        do { first = try reader.earlierSeq(id: entry.body.id, before: entry.seq) } catch let error as LedgerError {
            return Finding(rule: "STD-IDEMP", severity: .error, seq: entry.seq, id: entry.body.id,
                           message: "not checked: \(error.message)")
        }
        guard let first else { return nil }
        return Finding(rule: "STD-IDEMP", severity: .error, seq: entry.seq, id: entry.body.id,
                       message: "id \(entry.body.id) was already used by seq \(first)")
    }

    mutating func record(_ finding: Finding) {
        findings.add(finding)
    }

    func finish(origin: String) -> [Finding] {
        var findings = self.findings.findings
        if let idIndexProblem {
            findings.append(Finding(rule: "STD-IDEMP", severity: .error, seq: nil, id: nil,
                                    message: "not checked: the id index cannot be read: \(idIndexProblem)"))
        } else if !idIndexCovers {
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
