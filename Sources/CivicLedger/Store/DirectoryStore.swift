/// The embedded engine: a ledger directory (Ledger/SPEC.md, "Storage") seen as a
/// `LedgerStore`. Each read opens a fresh `LedgerReader`, so it sees the newest checkpoint.
public final class DirectoryStore: LedgerStore {
    let layout: LedgerLayout

    /// An existing ledger directory.
    public init(directory: String) throws {
        layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
    }

    private init(layout: LedgerLayout) {
        self.layout = layout
    }

    /// A new, empty ledger directory (absent or empty before) to be filled through a writer,
    /// as `civic copy` does. It is not a readable ledger until its first batch commits.
    public static func create(directory: String) throws -> DirectoryStore {
        let layout = LedgerLayout(directory: directory)
        try LedgerWriter.makeEmptyLedger(layout)
        return DirectoryStore(layout: layout)
    }

    public var location: String { layout.directory }

    public func checkpointSizes() throws -> [UInt64] {
        try CheckpointStore(layout: layout).sizes()
    }

    public func checkpointBytes(size: UInt64) throws -> [UInt8] {
        try LedgerReader(directory: layout.directory).checkpointBytes(size: size)
    }

    public func forEachEntry(in range: Range<UInt64>, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        try LedgerReader(directory: layout.directory).forEachEntry(in: range, body)
    }

    public func treeHashes() throws -> any HashReader {
        try LedgerReader(directory: layout.directory).treeHashes()
    }

    public func seq(id: String) throws -> UInt64? {
        try LedgerReader(directory: layout.directory).seq(id: id)
    }

    public func derivedState(_ name: String) throws -> (size: UInt64, state: JSONValue)? {
        try LedgerReader(directory: layout.directory).derivedState(name)
    }

    public func openWriter() throws -> any LedgerStoreWriter {
        try DirectoryStoreWriter(layout: layout)
    }
}
