import CivicLedger

/// A rule of the catalogue: a small value with an id, a legal source and a severity, and a
/// check that sees each entry with the book as it stood before that entry. Rules return
/// findings; they never throw.
public protocol Rule: Sendable {
    var info: RuleInfo { get }
    func check(_ entry: Entry, context: RuleContext) -> [String]
}

/// A rule's identity as the rule set gives it: id, legal source, severity.
public struct RuleInfo: Sendable, Equatable {
    public let id: String
    public let source: String
    public let severity: Severity

    public init(id: String, source: String, severity: Severity) {
        self.id = id
        self.source = source
        self.severity = severity
    }
}

/// What a rule may consult: the running book and earlier entries by seq.
public struct RuleContext {
    public let book: Book
    /// The entry the judged reversal names, by seq; nil for any other seq or when there is
    /// none. The validator reads it beforehand and throws when it cannot be read.
    public let entry: (UInt64) -> Entry?
    /// The seqs of the batch the entry was written in (from the kept checkpoint before it
    /// up to the one that signed it); nil where the audit does not know it (writes).
    public var batch: Range<UInt64>? = nil
}

extension Rule {
    public var id: String { info.id }
    public var source: String { info.source }
    public var severity: Severity { info.severity }

    /// Wraps the rule's messages into findings for `entry`.
    func findings(for entry: Entry, context: RuleContext) -> [Finding] {
        check(entry, context: context).map {
            Finding(rule: id, severity: severity, seq: entry.seq, id: entry.body.id, message: $0)
        }
    }
}
