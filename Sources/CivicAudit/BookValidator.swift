import CivicLedger

/// The write-time face of the rule catalogue: each new entry is judged by the same rules
/// the audit runs, against the book as it stood before it; an `error` finding refuses the
/// batch, naming the rule id. Warnings do not block a write; the audit reports them.
public struct BookValidator: EntryValidator {
    public private(set) var book: Book
    public let rules: [any Rule]
    /// Reads an acknowledged entry by seq (reversal targets): nil when there is none, an
    /// error when it cannot be read.
    private let storedEntry: (UInt64) throws -> Entry?
    /// Reversible entries admitted in the batch being written, which the store cannot
    /// read back yet.
    private var pending: [UInt64: Entry] = [:]
    /// Reads back the written parts of a streamed batch (`partWritten`).
    private var written: ((UInt64) throws -> Entry?)?

    public init(book: Book, rules: [any Rule], storedEntry: @escaping (UInt64) throws -> Entry?) {
        self.book = book
        self.rules = rules
        self.storedEntry = storedEntry
    }

    public mutating func admit(_ entry: Entry) throws {
        let findings = try judge(entry)
        if let first = findings.first(where: { $0.severity == .error }) {
            let others = findings.filter { $0.severity == .error }.dropFirst().map(\.rule)
            let more = others.isEmpty ? "" : " (also \(others.joined(separator: ", ")))"
            throw LedgerError(.refused, "\(first.rule): \(first.message)\(more)")
        }
        try take(entry)
    }

    /// Every rule's findings on `entry`, without taking it into account. Throws when the
    /// entry a reversal names exists but cannot be read.
    public func judge(_ entry: Entry) throws -> [Finding] {
        // Rules consult only the reversal target; it is read here, where a read error can
        // be thrown, so a rule never mistakes a damaged entry for a missing one.
        let target = try reversalTarget(of: entry)
        let context = RuleContext(book: book, entry: { seq in seq == target?.seq ? target : nil })
        return rules.flatMap { $0.findings(for: entry, context: context) }
    }

    /// Takes `entry` into the book whatever the rules said (the audit keeps counting).
    /// Throws when the target cannot be read or a sum leaves ±(2^53−1) (`Book.apply`).
    public mutating func take(_ entry: Entry) throws {
        let target = try reversalTarget(of: entry)
        try book.apply(entry, target: target)
        if ReversalRule.reversibleKinds.contains(entry.body.kind) { pending[entry.seq] = entry }
    }

    /// Forgets the batch's entries once they are durable and readable from the store.
    public mutating func settle() {
        pending.removeAll()
    }

    public mutating func partWritten(readBack: @escaping (UInt64) throws -> Entry?) {
        pending.removeAll()
        written = readBack
    }

    private func reversalTarget(of entry: Entry) throws -> Entry? {
        guard case .reversal(let reversal) = entry.body.payload, reversal.target < entry.seq else { return nil }
        if let entry = pending[reversal.target] { return entry }
        if let entry = try written?(reversal.target) { return entry }
        return try storedEntry(reversal.target)
    }
}
