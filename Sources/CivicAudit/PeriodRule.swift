import CivicLedger

/// A rule judged over periods rather than single entries (the charity-law ratios per year,
/// cash patterns per party and day, disclosure delays): it sees every entry once, in log
/// order, keeps aggregates bounded by funds, parties and years, and reports at the end.
/// Like every rule it never throws.
public protocol PeriodRule: Sendable {
    var info: RuleInfo { get }
    /// Takes `entry` into the rule's aggregates; `context.book` is the book before it.
    mutating func observe(_ entry: Entry, context: RuleContext)
    /// The findings once every entry has been observed.
    func finish(_ summary: AuditSummaryContext) -> [Finding]
}

/// What a period rule may consult when it reports: who keeps the ledger, the final book,
/// the year being audited (nil: every year), and when the log ends.
public struct AuditSummaryContext: Sendable {
    public let organization: Payload.Genesis.Organization
    public let origin: String
    public let book: Book
    public let year: Int?
    /// The `time` of the last entry (RFC 3339 UTC): "now" for the log.
    public let lastTime: String

    public init(organization: Payload.Genesis.Organization, origin: String, book: Book, year: Int?, lastTime: String) {
        self.organization = organization
        self.origin = origin
        self.book = book
        self.year = year
        self.lastTime = lastTime
    }

    /// True when findings for `year` belong in this audit.
    public func includes(year: Int) -> Bool {
        self.year == nil || self.year == year
    }
}

extension Finding {
    /// A finding about a period (a year), not one entry.
    public init(rule: RuleInfo, year: Int?, seqs: [UInt64] = [], message: String) {
        self.init(rule: rule.id, severity: rule.severity, seq: seqs.count == 1 ? seqs[0] : nil, id: nil, message: message,
                  seqs: seqs.count > 1 ? seqs : [], year: year)
    }
}
