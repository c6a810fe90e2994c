import CivicLedger

/// One validated write: opens the ledger, brings the rules' book up to date, appends a
/// batch all or nothing, and saves the book. Shared by the CLI and any server; it never
/// prints.
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

    /// Starts a streamed all-or-nothing batch checked by the session's rules (nothing is
    /// written in a dry run); finish it with `commit(_:)` or `StreamedAppend.abandon()`.
    public func beginStream(dryRun: Bool = false) throws -> StreamedAppend<BookValidator> {
        try writer.beginStream(validator: validator, dryRun: dryRun)
    }

    /// Signs the one checkpoint over a streamed batch and saves the book, as `append` does.
    public mutating func commit(_ stream: StreamedAppend<BookValidator>) throws -> LedgerWriter.AppendResult {
        var result = try stream.commit()
        guard result.appendedCount > 0, !stream.dryRun else { return result }
        validator = stream.validator
        saveBook(&result)
        return result
    }

    /// Appends `bodies` all or nothing. Once the checkpoint is written the batch is
    /// acknowledged: a derived file (the id index, `state/book.json`) that cannot be
    /// updated then is in `derivedFileProblems` of the result, never a thrown error.
    public mutating func append(_ bodies: [EntryBody]) throws -> LedgerWriter.AppendResult {
        var result = try writer.append(bodies, validator: &validator)
        guard result.appendedCount > 0 else { return result }
        saveBook(&result)
        return result
    }

    private func saveBook(_ result: inout LedgerWriter.AppendResult) {
        do {
            try BookStore.save(validator, writer: writer)
        } catch {
            let reason = (error as? LedgerError)?.message ?? String(describing: error)
            result.derivedFileProblems.append("state/book.json: \(reason); the next write rebuilds it from the entries")
        }
    }
}
