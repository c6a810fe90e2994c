import CivicLedger

/// How much a finding matters: `error` breaks integrity or law, `warning` needs a
/// person's look, `info` is a fact for the report (RULES.md).
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    public static func < (left: Severity, right: Severity) -> Bool {
        left.rank < right.rank
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// One thing a rule found about one entry (or a period).
public struct Finding: Equatable, Sendable {
    public let rule: String
    public let severity: Severity
    public let seq: UInt64?
    /// The writer's id of the entry, where one entry is meant.
    public let id: String?
    public let message: String
    /// Several entries a finding is about (a split cash pattern), in log order.
    public let seqs: [UInt64]
    /// The calendar year of a period rule's finding.
    public let year: Int?

    public init(rule: String, severity: Severity, seq: UInt64?, id: String?, message: String,
                seqs: [UInt64] = [], year: Int? = nil) {
        self.rule = rule
        self.severity = severity
        self.seq = seq
        self.id = id
        self.message = message
        self.seqs = seqs
        self.year = year
    }
}
