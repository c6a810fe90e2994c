import CivicLedger

/// Runs the whole catalogue over a ledger in one streaming pass: the verifier checks
/// integrity (INT-*) entry by entry and hands each verified entry to the entry rules (the
/// same code that guards writes) and the period rules. Memory is bounded by funds,
/// parties and years. Throws only for unusable input; everything the ledger breaks,
/// integrity included, becomes a finding.
public struct Auditor {
    /// The ledger, in either engine.
    public let log: any VerifiableLog
    public let verifiers: [NoteVerifier]
    public let ruleSet: RuleSet
    public let year: Int?
    public let heldCheckpoint: SignedNote?
    /// The audit's clock, in Unix seconds (INT-TIME compares entry times with it).
    public let now: Int64
    /// Told how many entries have been judged, after each one (the CLI's progress line).
    public var progress: ((UInt64) -> Void)?

    public init(log: any VerifiableLog, verifiers: [NoteVerifier], ruleSet: RuleSet, year: Int? = nil,
                heldCheckpoint: SignedNote? = nil, now: Int64) {
        self.log = log
        self.verifiers = verifiers
        self.ruleSet = ruleSet
        self.year = year
        self.heldCheckpoint = heldCheckpoint
        self.now = now
    }

    public func run() throws -> AuditReport {
        let reader = log
        var pass = try AuditPass(reader: reader, ruleSet: ruleSet, year: year, now: now)
        var verification: VerificationReport?
        var stoppedAt: String?
        do {
            verification = try reader.verify(verifiers: verifiers, heldCheckpoint: heldCheckpoint) { entry in
                    pass.observe(entry)
                    progress?(entry.seq + 1)
                }
        } catch let error as LedgerError where error.integrity != nil {
            pass.record(Finding(rule: error.integrity!.rawValue, severity: .error, seq: nil, id: nil, message: error.message))
            stoppedAt = error.message
        }
        let origin = verification?.origin ?? pass.origin
        return AuditReport(origin: origin, size: verification?.size ?? reader.size, root: verification?.root,
                           ruleSet: ruleSet.name, year: year, rules: pass.ruleRuns(integrityChecked: verification != nil),
                           findings: pass.finish(origin: origin), stoppedAt: stoppedAt)
    }
}
