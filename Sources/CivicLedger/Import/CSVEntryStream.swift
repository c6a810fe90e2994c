/// A CSV import file read a part at a time, so a streamed import holds only the part in
/// hand: the header first, then up to a given number of rows, each mapped and
/// schema-checked (on every core), ids checked for repeats, and every bad row kept as a
/// `CSVProblem` (up to a bound) and counted. A header problem ends the reading.
public struct CSVEntryStream {
    /// Up to a given number of rows of the file.
    public struct Part: Sendable {
        /// The entries of the good rows, in file order.
        public var bodies: [EntryBody] = []
        /// The physical line each entry of `bodies` starts on.
        public var lineNumbers: [Int] = []
        /// The data rows read, good and bad.
        public var rowCount = 0
        /// The part's first problems (at most the `problemCountMax` asked for), in file order.
        public var problems: [CSVProblem] = []
        /// All the part's problems, including those not kept in `problems`.
        public var problemCount = 0

        mutating func add(_ problem: CSVProblem, keeping problemCountMax: Int) {
            problemCount += 1
            if problems.count < problemCountMax { problems.append(problem) }
        }
    }

    private var reader: CSVReader
    private var mapper: CSVEntryMapper?
    private var ended = false

    public init(reader: CSVReader) {
        self.reader = reader
    }

    /// A stream of the file at `path` (`-`: standard input), read `chunkByteCount` bytes at a time.
    public init(path: String, chunkByteCount: Int = LineReader.bufferByteCount) throws {
        self.init(reader: CSVReader(source: try ChunkReader(path: path), chunkByteCount: chunkByteCount))
    }

    /// The next part, nil at the end: at most `rowCount` rows. `lineOfID` holds the line of
    /// each id met so far, so the caller chooses how far back a repeat is looked for; the
    /// part's ids are added. Throws only when the input cannot be read.
    public mutating func readPart(rowCount: Int, problemCountMax: Int, lineOfID: inout [String: Int]) throws -> Part? {
        let part = nextPart(rowCount: rowCount, problemCountMax: problemCountMax, lineOfID: &lineOfID)
        if let error = reader.readError { throw error }
        return part
    }

    /// As `readPart`, for bytes held whole (which cannot fail to be read).
    mutating func nextPart(rowCount: Int, problemCountMax: Int, lineOfID: inout [String: Int]) -> Part? {
        precondition(rowCount >= 1, "a part holds at least one row")
        guard !ended else { return nil }
        var part = Part()
        guard let mapper = mapper ?? readHeader(into: &part, keeping: problemCountMax) else {
            ended = true
            return part
        }
        var rows: [Result<CSVRecord, CSVProblem>] = []
        while rows.count < rowCount, let row = nextRow() { rows.append(row) }
        if rows.count < rowCount { ended = true }
        guard !rows.isEmpty else { return part.problemCount > 0 ? part : nil }
        // Mapping and the schema check are the costly part of a row: on every core.
        let mapped = ParallelDecode.map(count: rows.count, context: {}) { index, _ -> Result<EntryBody, CSVProblem> in
            rows[index].flatMap { record in
                do throws(CSVProblem) { return .success(try mapper.body(record)) } catch { return .failure(error) }
            }
        }
        for (row, result) in zip(rows, mapped) {
            part.rowCount += 1
            switch (row, result) {
            case (.success(let record), .success(let body)):
                if let first = lineOfID[body.id] {
                    part.add(CSVProblem(lineNumber: record.lineNumber, column: "id",
                                        reason: "\(PersonalData.quotable(body.id)) repeats the id of line \(first)"),
                             keeping: problemCountMax)
                    continue
                }
                lineOfID[body.id] = record.lineNumber
                part.bodies.append(body)
                part.lineNumbers.append(record.lineNumber)
            case (_, .failure(let problem)):
                part.add(problem, keeping: problemCountMax)
            case (.failure, .success):
                preconditionFailure("a row the reader refused is never mapped")
            }
        }
        return part
    }

    /// The header's mapper, or nil with the problem added to `part`.
    private mutating func readHeader(into part: inout Part, keeping problemCountMax: Int) -> CSVEntryMapper? {
        switch nextRow() {
        case nil:
            if reader.readError == nil { part.add(CSVProblem(lineNumber: 1, reason: "empty file: no header row"), keeping: problemCountMax) }
            return nil
        case .failure(let problem):
            part.add(problem, keeping: problemCountMax)
            return nil
        case .success(let header):
            do throws(CSVProblem) {
                mapper = try CSVEntryMapper(validating: header)
                return mapper
            } catch {
                part.add(error, keeping: problemCountMax)
                return nil
            }
        }
    }

    /// The next record or its problem; nil at the end of the input (or at a read error).
    private mutating func nextRow() -> Result<CSVRecord, CSVProblem>? {
        do throws(CSVProblem) {
            return try reader.nextRecord().map { .success($0) }
        } catch {
            return .failure(error)
        }
    }
}
