import CivicLedger

/// One validated write to any `LedgerStore` (a PostgreSQL ledger; `WriteSession` is the
/// directory's): brings the rules' book up to the newest checkpoint, appends a batch all or
/// nothing through `StoreAppender`, and saves the book. Entries other processes committed
/// meanwhile are taken into the book under the write lock before a batch is judged.
public struct StoreWriteSession {
    public let store: any LedgerStore
    let writer: any LedgerStoreWriter
    let signer: NoteSigner
    public private(set) var validator: BookValidator
    private var validatorSize: UInt64?

    public init(store: any LedgerStore, signer: NoteSigner, ruleSet: RuleSet) throws {
        self.store = store
        self.signer = signer
        let newest = try store.newestCheckpoint(signedBy: signer).checkpoint.size
        writer = try store.openWriter()
        var book = Book()
        if let saved = try store.derivedState(BookStore.stateName), saved.size <= newest, let restored = Book(json: saved.state),
           restored.size == saved.size {
            book = restored
        }
        var validator = BookValidator(book: book, rules: try RuleCatalogue.entryRules(ruleSet), storedEntry: { try store.entry(seq: $0) })
        try store.forEachEntry(in: book.size..<newest) { _, bytes in try validator.take(try Entry.decode(Array(bytes))) }
        validator.settle()
        self.validator = validator
        validatorSize = newest
    }

    public var book: Book { validator.book }

    /// The ledger's base currency, from its genesis.
    public func ledgerCurrency() throws -> String {
        guard case .genesis(let genesis)? = try store.entry(seq: 0)?.body.payload else {
            throw LedgerError(.corrupt, "\(store.location): entry 0 is not a readable genesis")
        }
        return genesis.currency.code
    }

    /// The committed entry with writer id `id`, if any.
    public func recordedEntry(id: String) throws -> Entry? {
        guard let seq = try store.seq(id: id) else { return nil }
        return try store.entry(seq: seq)
    }

    /// Appends `bodies` all or nothing; returns what was written and any derived-state
    /// problem (the book could not be saved: the batch is committed all the same).
    public mutating func append(_ bodies: [EntryBody]) throws -> (result: StoreAppender.Result, problems: [String]) {
        let result = try StoreAppender(writer: writer, signer: signer).append(
            bodies, validator: &validator, validatorSize: &validatorSize) { validator, entry in
            try validator.take(entry)
            validator.settle()
        }
        validator.settle()
        guard result.appendedCount > 0 else { return (result, []) }
        return (result, saveBook())
    }

    /// Writes independent requests as one batch under one checkpoint, each all or nothing
    /// (`StoreAppender.appendPool`). The book is not saved: a long-running writer saves it
    /// now and then (`saveBook`), since it is derived and a catch-up rebuilds what is missing.
    public mutating func appendPool(_ requests: [[EntryBody]]) throws -> StoreAppender.PoolResult {
        let result = try StoreAppender(writer: writer, signer: signer).appendPool(
            requests, validator: &validator, validatorSize: &validatorSize) { validator, entry in
            try validator.take(entry)
            validator.settle()
        }
        validator.settle()
        return result
    }

    /// Saves the book; a failure is a problem to report, never an error: the batch is committed.
    public func saveBook() -> [String] {
        do {
            try writer.saveDerivedState(BookStore.stateName, size: validator.book.size, state: validator.book.json)
        } catch {
            let reason = (error as? LedgerError)?.message ?? String(describing: error)
            return ["book: \(reason); the next write rebuilds it from the entries"]
        }
        return []
    }
}
