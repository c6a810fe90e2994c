import CivicLedger

/// Where a streamed import's parts come from: a file read a part at a time in its format.
protocol ImportParts {
    /// The next part's entries and the line each starts on, nil at the end. A part with bad
    /// lines or rows throws the one error that reports them, after reading on (writing
    /// nothing) to count or list the rest; `written`: earlier parts are in the files, to be
    /// cut back.
    mutating func next(written: Bool) throws -> (bodies: [EntryBody], lines: [Int])?
}

/// JSON Lines, a part of `count` lines at a time (`JSONLinesInput.readPart`).
struct JSONLinesParts: ImportParts {
    let reader: LineReader
    let file: String
    let count: Int

    init(file: String, count: Int) throws {
        reader = try LineReader(path: file, lineByteCountMax: EntryLimits.entryByteCountMax)
        self.file = file
        self.count = count
    }

    func next(written: Bool) throws -> (bodies: [EntryBody], lines: [Int])? {
        guard let part = try JSONLinesInput.readPart(reader, count: count, name: file) else { return nil }
        guard part.errorCount == 0 else { throw try badLines(part, written: written) }
        return (part.bodies, part.lines)
    }

    /// The error for a part with bad lines: its first one, and how many the rest of the file
    /// holds, counted without writing (up to a bound, so an endless input still ends).
    private func badLines(_ part: JSONLinesInput.Part, written: Bool) throws -> LedgerError {
        var count = part.errorCount
        while count < JSONLinesInput.reportedErrorCountMax,
              let more = try JSONLinesInput.readPart(reader, count: self.count, name: file, errorCountMax: 0) {
            count += more.errorCount
        }
        let atLeast = count >= JSONLinesInput.reportedErrorCountMax ? "at least " : ""
        let outcome = written ? "the entries written before it were cut back, nothing was acknowledged" : "nothing was written"
        let more = count > 1 ? " (\(atLeast)\(count) bad lines in all; \(outcome))" : " (\(outcome))"
        return LedgerError(.invalidEntry, part.errors[0] + more)
    }
}

/// CSV, a part of `count` rows at a time (`CSVEntryStream`). Every bad row is listed on
/// standard error as `FILE:LINE: column: reason` (up to `CSVInput.reportedProblemCountMax`),
/// then one error gives the count. Ids are checked for repeats within a part here and
/// across parts by the streamed batch.
struct CSVParts: ImportParts {
    var stream: CSVEntryStream
    let file: String
    let count: Int

    init(file: String, count: Int, chunkByteCount: Int = LineReader.bufferByteCount) throws {
        stream = try CSVEntryStream(path: file, chunkByteCount: chunkByteCount)
        self.file = file
        self.count = count
    }

    mutating func next(written: Bool) throws -> (bodies: [EntryBody], lines: [Int])? {
        var lineOfID: [String: Int] = [:]
        guard let part = try stream.readPart(rowCount: count, problemCountMax: CSVInput.reportedProblemCountMax, lineOfID: &lineOfID)
        else { return nil }
        guard part.problemCount == 0 else { throw try badRows(part, written: written) }
        return (part.bodies, part.lineNumbers)
    }

    /// Lists the bad rows of `part` and of the rest of the file (read on without writing).
    private mutating func badRows(_ first: CSVEntryStream.Part, written: Bool) throws -> LedgerError {
        var problems = first.problems
        var problemCount = first.problemCount
        var lineOfID: [String: Int] = [:]
        while let part = try stream.readPart(rowCount: count, problemCountMax: CSVInput.reportedProblemCountMax - problems.count,
                                             lineOfID: &lineOfID) {
            problems += part.problems
            problemCount += part.problemCount
            lineOfID.removeAll(keepingCapacity: true)
        }
        return CSVInput.report(problems, count: problemCount, name: file,
                               outcome: written ? "the entries written before them were cut back, nothing was acknowledged" : "nothing was written")
    }
}
