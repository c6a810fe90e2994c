/// One bad CSV record: the line where it starts, the column at fault when there is one,
/// and what is wrong. The CLI prints it as `FILE:LINE: column: reason`.
public struct CSVProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let lineNumber: Int
    public let column: String?
    public let reason: String

    public init(lineNumber: Int, column: String? = nil, reason: String) {
        assert(lineNumber >= 1, "physical lines count from 1")
        self.lineNumber = lineNumber
        self.column = column
        self.reason = reason
    }

    /// `column: reason`, or just the reason when no one column is at fault.
    public var detail: String {
        guard let column else { return reason }
        return "\(column): \(reason)"
    }

    /// `line 7: amount: reason`.
    public var description: String { "line \(lineNumber): \(detail)" }

    /// The same problem as the ledger module's one error type.
    public var ledgerError: LedgerError { LedgerError(.invalidEntry, description) }
}
