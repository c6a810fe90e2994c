/// A whole CSV import file read into entries: every record parsed, mapped and
/// schema-checked, ids checked for repeats, and every bad record listed (up to a limit)
/// so a person can fix them all in one go.
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
        var collector = Collector(problemCountMax: problemCountMax)
        var reader = CSVReader(bytes: bytes)
        if let mapper = CSVEntryFile.readHeader(&reader, into: &collector) {
            while collector.readRow(&reader, mapper: mapper) {
                if collector.rowCount % CSVEntryFile.progressRowInterval == 0 { progress?(collector.rowCount) }
            }
        }
        bodies = collector.bodies
        lineNumbers = collector.lineNumbers
        rowCount = collector.rowCount
        problems = collector.problems
        problemCount = collector.problemCount
        assert(problems.count <= problemCountMax && problems.count <= problemCount, "problems are bounded")
        assert(problemCount > 0 || bodies.count == rowCount, "a clean file gives one entry per row")
    }

    private static func readHeader(_ reader: inout CSVReader, into collector: inout Collector) -> CSVEntryMapper? {
        do {
            guard let header = try reader.nextRecord() else {
                collector.add(CSVProblem(lineNumber: 1, reason: "empty file: no header row"))
                return nil
            }
            return try CSVEntryMapper(validating: header)
        } catch {
            collector.add(error)
            return nil
        }
    }

    private struct Collector {
        let problemCountMax: Int
        var bodies: [EntryBody] = []
        var lineNumbers: [Int] = []
        var rowCount = 0
        var problems: [CSVProblem] = []
        var problemCount = 0
        var lineOfID: [String: Int] = [:]

        init(problemCountMax: Int) {
            self.problemCountMax = problemCountMax
        }

        mutating func add(_ problem: CSVProblem) {
            problemCount += 1
            if problems.count < problemCountMax { problems.append(problem) }
        }

        /// Reads one row; false at the end of the file.
        mutating func readRow(_ reader: inout CSVReader, mapper: CSVEntryMapper) -> Bool {
            let record: CSVRecord
            do {
                guard let next = try reader.nextRecord() else { return false }
                record = next
            } catch {
                rowCount += 1
                add(error)
                return true
            }
            rowCount += 1
            do throws(CSVProblem) {
                let body = try mapper.body(record)
                if let first = lineOfID[body.id] {
                    throw CSVProblem(lineNumber: record.lineNumber, column: "id", reason: "\(PersonalData.quotable(body.id)) repeats the id of line \(first)")
                }
                lineOfID[body.id] = record.lineNumber
                bodies.append(body)
                lineNumbers.append(record.lineNumber)
            } catch {
                add(error)
            }
            return true
        }
    }
}
