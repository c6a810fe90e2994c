import CivicAudit
import CivicLedger

/// One validated write: opens the ledger, brings the rules' book up to date, appends a
/// batch all or nothing, and saves the book.
struct WriteSession {
    let writer: LedgerWriter
    private(set) var validator: BookValidator

    init(directory: String, signer: NoteSigner, ruleSet: RuleSet) throws {
        writer = try LedgerWriter.open(directory: directory, signer: signer)
        let reader = try LedgerReader(directory: directory)
        validator = try BookStore.validator(reader: reader, rules: try RuleCatalogue.entryRules(ruleSet))
    }

    /// The book before this session's writes: funds, receipt series, totals.
    var book: Book { validator.book }

    /// The ledger's base currency, from its genesis.
    func ledgerCurrency() throws -> String {
        guard case .genesis(let genesis)? = try LedgerReader(directory: writer.directory).entry(seq: 0)?.body.payload else {
            throw LedgerError(.corrupt, "\(writer.directory): entry 0 is not a readable genesis")
        }
        return genesis.currency.code
    }

    /// Everything `append` would check, the rules included, without writing.
    func check(_ bodies: [EntryBody]) throws -> LedgerWriter.AppendResult {
        var trial = validator
        return try writer.append(bodies, validator: &trial, dryRun: true)
    }

    mutating func append(_ bodies: [EntryBody]) throws -> LedgerWriter.AppendResult {
        let result = try writer.append(bodies, validator: &validator)
        if result.appendedCount > 0 { try BookStore.save(validator, writer: writer) }
        return result
    }
}

extension LedgerWriter.AppendResult {
    /// What an append did, in a line or two a clerk can read.
    func report() {
        let existing = seqs.count - appendedCount
        if appendedCount > 0 {
            let last = firstSeq + UInt64(appendedCount) - 1
            let range = appendedCount == 1 ? "seq \(firstSeq)" : "seq \(firstSeq)-\(last)"
            Terminal.line("imported \(appendedCount) entries, \(range)")
        }
        if existing > 0 {
            Terminal.line("\(existing) entries were already recorded with the same content and were not written again")
        }
        Terminal.line(note.serialized.trimmingTrailingNewlines())
    }
}
