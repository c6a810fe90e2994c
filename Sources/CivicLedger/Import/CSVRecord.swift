/// One CSV record: its fields, decoded as UTF-8, and the physical line (1-based) on
/// which it starts. A record may span several lines when a quoted field holds a newline.
public struct CSVRecord: Equatable, Sendable {
    public let lineNumber: Int
    public let fields: [String]

    public init(lineNumber: Int, fields: [String]) {
        precondition(lineNumber >= 1, "physical lines count from 1")
        self.lineNumber = lineNumber
        self.fields = fields
    }
}
