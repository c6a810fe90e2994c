import CivicLedger

/// Keeps the rules' running book beside the ledger (`state/book.json`) so a write does not
/// re-read the log: the saved book is caught up with any entries it misses, and a missing
/// or damaged one is rebuilt from the entries.
public enum BookStore {
    public static let stateName = "book"

    /// A validator whose book stands at the ledger's newest checkpoint. `storedEntry` reads
    /// entries written after `reader` was opened (a long-running writer's own entries);
    /// by default the reader's.
    public static func validator(reader: LedgerReader, rules: [any Rule],
                                 storedEntry: ((UInt64) throws -> Entry?)? = nil) throws -> BookValidator {
        var book = Book()
        if let saved = try reader.derivedState(stateName), saved.size <= reader.size, let restored = Book(json: saved.state),
           restored.size == saved.size {
            book = restored
        }
        var validator = BookValidator(book: book, rules: rules, storedEntry: storedEntry ?? { try reader.entry(seq: $0) })
        try reader.forEachEntry(from: book.size) { _, bytes in
            try validator.take(try Entry.decode(Array(bytes)))
        }
        validator.settle()
        return validator
    }

    public static func save(_ validator: BookValidator, writer: LedgerWriter) throws {
        precondition(validator.book.size == writer.size, "the book covers exactly the acknowledged entries")
        try writer.saveDerivedState(stateName, validator.book.json)
    }
}
