import CivicLedger

/// The write-time face of the rule catalogue: each new entry is judged by the same rules
/// the audit runs, against the book as it stood before it; an `error` finding refuses the
/// batch, naming the rule id. Warnings do not block a write; the audit reports them.
public struct BookValidator: EntryValidator {
    public private(set) var book: Book
    public let rules: [any Rule]
    /// Reads an acknowledged entry by seq (reversal targets).
    private let storedEntry: (UInt64) -> Entry?
    /// Reversible entries admitted in the batch being written, which the store cannot
    /// read back yet.
    private var pending: [UInt64: Entry] = [:]

    public init(book: Book, rules: [any Rule], storedEntry: @escaping (UInt64) -> Entry?) {
        self.book = book
        self.rules = rules
        self.storedEntry = storedEntry
    }

    public mutating func admit(_ entry: Entry) throws {
        let findings = judge(entry)
        if let first = findings.first(where: { $0.severity == .error }) {
            let others = findings.filter { $0.severity == .error }.dropFirst().map(\.rule)
            let more = others.isEmpty ? "" : " (also \(others.joined(separator: ", ")))"
            throw LedgerError(.refused, "\(first.rule): \(first.message)\(more)")
        }
        take(entry)
    }

    /// Every rule's findings on `entry`, without taking it into account.
    public func judge(_ entry: Entry) -> [Finding] {
        let context = RuleContext(book: book, entry: lookup)
        return rules.flatMap { $0.findings(for: entry, context: context) }
    }

    /// Takes `entry` into the book whatever the rules said (the audit keeps counting).
    public mutating func take(_ entry: Entry) {
        var target: Entry?
        if case .reversal(let reversal) = entry.body.payload { target = lookup(reversal.target) }
        book.apply(entry, target: target)
        if ReversalRule.reversibleKinds.contains(entry.body.kind) { pending[entry.seq] = entry }
    }

    /// Forgets the batch's entries once they are durable and readable from the store.
    public mutating func settle() {
        pending.removeAll()
    }

    private func lookup(_ seq: UInt64) -> Entry? {
        pending[seq] ?? storedEntry(seq)
    }
}
