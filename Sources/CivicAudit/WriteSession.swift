import CivicLedger

/// One validated write: opens the ledger, brings the rules' book up to date, appends a
/// batch all or nothing, and saves the book.
public struct WriteSession {
    public let writer: LedgerWriter
    public private(set) var validator: BookValidator

    public init(directory: String, signer: NoteSigner, ruleSet: RuleSet) throws {
        writer = try LedgerWriter.open(directory: directory, signer: signer)
        let reader = try LedgerReader(directory: directory)
        validator = try BookStore.validator(reader: reader, rules: try RuleCatalogue.entryRules(ruleSet))
    }

    /// The book before this session's writes: funds, receipt series, totals.
    public var book: Book { validator.book }

    /// The ledger's base currency, from its genesis.
    public func ledgerCurrency() throws -> String {
        guard case .genesis(let genesis)? = try LedgerReader(directory: writer.directory).entry(seq: 0)?.body.payload else {
            throw LedgerError(.corrupt, "\(writer.directory): entry 0 is not a readable genesis")
        }
        return genesis.currency.code
    }

    /// Everything `append` would check, the rules included, without writing.
    public func check(_ bodies: [EntryBody]) throws -> LedgerWriter.AppendResult {
        var trial = validator
        return try writer.append(bodies, validator: &trial, dryRun: true)
    }

    public mutating func append(_ bodies: [EntryBody]) throws -> LedgerWriter.AppendResult {
        let result = try writer.append(bodies, validator: &validator)
        if result.appendedCount > 0 { try BookStore.save(validator, writer: writer) }
        return result
    }
}
