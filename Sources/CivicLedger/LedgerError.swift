/// The one error type the ledger module throws. `code` is for programs and tests;
/// `message` is one line for a person and names the file, line or seq and what is wrong.
public struct LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The caller asked for something that cannot be done (bad option, missing file).
        case usage
        /// An input record (a JSON line, an entry) breaks the schema or a limit.
        case invalidEntry
        /// A rule refused an entry (the message starts with the rule id, e.g. STD-FUND-BAL).
        case refused
        /// Bytes that are not canonical RFC 8785 JSON, or not JSON at all.
        case invalidJSON
        /// A key file is missing, malformed, or readable by others.
        case invalidKey
        /// A signed note or checkpoint is malformed or does not verify.
        case invalidNote
        /// A Merkle proof is malformed or does not verify.
        case invalidProof
        /// The ledger's files contradict each other or their signatures: tampering or corruption.
        case corrupt
        /// The directory is not a ledger, or already is one.
        case notALedger
        /// Another process holds the writer lock.
        case locked
        /// An operating-system call failed (open, write, fsync, rename).
        case io
        /// OpenSSL reported a failure.
        case crypto
    }

    public let code: Code
    public let message: String
    /// For a refused batch: the 0-based position, in the batch as given, of the entry at
    /// fault, so a caller can name the file line it came from.
    public let entryIndex: Int?
    /// For a verification failure: the integrity rule it breaks.
    public let integrity: IntegrityCheck?

    public init(_ code: Code, _ message: String, entryIndex: Int? = nil, integrity: IntegrityCheck? = nil) {
        self.code = code
        self.message = message
        self.entryIndex = entryIndex
        self.integrity = integrity
    }

    public var description: String { message }
}
