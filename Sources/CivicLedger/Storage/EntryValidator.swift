/// Business rules applied while a batch is written (the audit module's rules, run at write
/// time). The writer hands each new entry, in log order, to a copy of the validator and
/// keeps that copy only when the whole batch is durable, so a refused batch leaves the
/// validator exactly as it was.
public protocol EntryValidator {
    /// Checks `entry` against everything before it and takes it into account. Throws a
    /// `LedgerError(.refused, "<RULE-ID>: reason")` to refuse the whole batch.
    mutating func admit(_ entry: Entry) throws

    /// A part of a streamed batch (`StreamedAppend`) is in the files: entries the validator
    /// kept from it may be dropped and read back through `readBack` (nil outside the
    /// written, not yet committed part of the batch), so its memory stays bounded.
    mutating func partWritten(readBack: @escaping (UInt64) throws -> Entry?)
}

extension EntryValidator {
    public mutating func partWritten(readBack: @escaping (UInt64) throws -> Entry?) {}
}

/// Schema checks only: what `civic` did before business rules existed.
public struct SchemaOnlyValidation: EntryValidator {
    public init() {}
    public mutating func admit(_ entry: Entry) throws {}
}
