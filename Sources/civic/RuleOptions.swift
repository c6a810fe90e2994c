import ArgumentParser
import CivicAudit
import CivicLedger

/// `--rules`: the rule set checked at write time (and by the audit).
struct RuleOptions: ParsableArguments {
    @Option(help: "Rule set: a shipped name (cn-charity) or a JSON file (Ledger/rules/*.json format).")
    var rules: String = RuleSet.defaultName

    func load() throws -> RuleSet {
        if rules.hasSuffix(".json") || rules.contains("/") {
            return try RuleSet(json: try InputFile.read(rules, limit: 1 << 20), name: rules)
        }
        return try RuleSet.shipped(rules)
    }
}

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

enum ValidatedWrite {
    static func append(_ bodies: [EntryBody], directory: String, signer: NoteSigner,
                       ruleSet: RuleSet) throws -> LedgerWriter.AppendResult {
        var session = try WriteSession(directory: directory, signer: signer, ruleSet: ruleSet)
        return try session.append(bodies)
    }

    /// What an append did, in a line or two a clerk can read.
    static func report(_ result: LedgerWriter.AppendResult) {
        let existing = result.seqs.count - result.appendedCount
        if result.appendedCount > 0 {
            let last = result.firstSeq + UInt64(result.appendedCount) - 1
            let range = result.appendedCount == 1 ? "seq \(result.firstSeq)" : "seq \(result.firstSeq)-\(last)"
            Terminal.line("imported \(result.appendedCount) entries, \(range)")
        }
        if existing > 0 {
            Terminal.line("\(existing) entries were already recorded with the same content and were not written again")
        }
        Terminal.line(result.note.serialized.trimmingTrailingNewlines())
    }
}
