import CivicLedger

/// One ledger of a consolidated export: where it lives, how to open it, and the verifier
/// key the caller trusts it under (never a key read from the ledger).
public struct LedgerSource: Sendable {
    /// The directory or database location, for messages.
    public let directory: String
    public let verifier: NoteVerifier
    let open: @Sendable () throws -> any CheckpointedLog

    /// A ledger directory.
    public init(directory: String, verifier: NoteVerifier) {
        self.init(location: directory, verifier: verifier) { try LedgerReader(directory: directory) }
    }

    /// A ledger in any engine, opened by `open` (the CLI opens PostgreSQL locations).
    public init(location: String, verifier: NoteVerifier, open: @escaping @Sendable () throws -> any CheckpointedLog) {
        self.directory = location
        self.verifier = verifier
        self.open = open
    }

    /// At most this many ledgers in one consolidated export.
    public static let countMax = 256

    /// Computes `export` for every source, in turn, after checking that each one's newest
    /// checkpoint verifies under its key and that no two ledgers share an origin (the same
    /// books given twice, or two ledgers a reader could not tell apart). An error names the
    /// ledger it is about; its code (and so the exit code) is kept.
    static func each<T>(_ sources: [LedgerSource], _ export: (any CheckpointedLog, LedgerSource) throws -> T) throws -> [T] {
        guard !sources.isEmpty else { throw LedgerError(.usage, "no ledger given") }
        guard sources.count <= countMax else {
            throw LedgerError(.usage, "\(sources.count) ledgers given; a consolidated export takes at most \(countMax)")
        }
        var readers: [any CheckpointedLog] = []
        var origins: [String: Int] = [:]
        for (position, source) in sources.enumerated() {
            let reader = try named(position, sources) { try source.open() }
            let origin = try named(position, sources) { try ExportCheckpoint(reader: reader, verifiers: [source.verifier]) }.checkpoint.origin
            if let earlier = origins[origin] {
                throw LedgerError(.usage, "ledgers \(earlier + 1) (\(sources[earlier].directory)) and \(position + 1) "
                    + "(\(source.directory)) have the same origin \(origin): each ledger may be given once")
            }
            origins[origin] = position
            readers.append(reader)
        }
        return try sources.indices.map { position in try named(position, sources) { try export(readers[position], sources[position]) } }
    }

    /// `body`'s error with the ledger's position and directory in front.
    private static func named<T>(_ position: Int, _ sources: [LedgerSource], _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as LedgerError {
            throw LedgerError(error.code, "ledger \(position + 1) of \(sources.count) (\(sources[position].directory)): \(error.message)",
                              integrity: error.integrity)
        }
    }
}
