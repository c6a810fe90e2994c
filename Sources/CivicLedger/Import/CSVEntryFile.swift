/// A whole CSV import file read into entries: every record parsed, mapped and
/// schema-checked, ids checked for repeats across the whole file, and every bad record
/// listed (up to a limit) so a person can fix them all in one go. (A streamed import reads
/// the same way a part at a time: `CSVEntryStream`.)
public struct CSVEntryFile: Sendable {
    /// The entries of the good rows, in file order (only meaningful when `problems` is empty).
    public let bodies: [EntryBody]
    /// The physical line each entry of `bodies` starts on.
    public let lineNumbers: [Int]
    /// The data rows read, good and bad.
    public let rowCount: Int
    /// The first `problemCountMax` problems, in file order.
    public let problems: [CSVProblem]
    /// All problems, including those not kept in `problems`.
    public let problemCount: Int

    /// How often `progress` is called, in rows.
    public static let progressRowInterval = 1024

    /// Reads `bytes`. A header problem stops the reading; a bad row is listed and
    /// reading goes on. `progress` is called with the number of rows read so far.
    public init(bytes: [UInt8], problemCountMax: Int = 20, progress: ((Int) -> Void)? = nil) {
        precondition(problemCountMax >= 1, "at least one problem is kept")
        var stream = CSVEntryStream(reader: CSVReader(bytes: bytes))
        var file = CSVEntryStream.Part()
        var lineOfID: [String: Int] = [:]
        while let part = stream.nextPart(rowCount: CSVEntryFile.progressRowInterval,
                                         problemCountMax: problemCountMax - file.problems.count, lineOfID: &lineOfID) {
            file.bodies += part.bodies
            file.lineNumbers += part.lineNumbers
            file.rowCount += part.rowCount
            file.problems += part.problems
            file.problemCount += part.problemCount
            if part.rowCount == CSVEntryFile.progressRowInterval { progress?(file.rowCount) }
        }
        bodies = file.bodies
        lineNumbers = file.lineNumbers
        rowCount = file.rowCount
        problems = file.problems
        problemCount = file.problemCount
        assert(problems.count <= problemCountMax && problems.count <= problemCount, "problems are bounded")
        assert(problemCount > 0 || bodies.count == rowCount, "a clean file gives one entry per row")
    }
}
