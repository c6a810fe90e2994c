/// Parses JSON Lines of writer entries, naming every problem by line number: a file a part at
/// a time (`readPart`, streamed import), a bounded request body whole (`parse`, the server).
public enum JSONLinesInput {
    /// At most this many bad lines are described; the rest are counted.
    public static let reportedErrorCountMax = 20

    /// Every line one writer entry (`EntryBody(writerLine:)`), CRLF allowed, no empty line,
    /// no id twice; throws one error naming the first bad lines, and parses all or nothing.
    public static func parse(_ bytes: [UInt8], name: String) throws -> [EntryBody] {
        var bodies: [EntryBody] = []
        var errors: [String] = []
        var errorCount = 0
        var firstBadLine = 0
        var seenIDs: [String: Int] = [:]
        var lineNumber = 0
        // The final newline ends the last line; it does not start an empty one.
        let content = bytes.last == 0x0a ? bytes.dropLast() : bytes[...]
        for var line in content.split(separator: 0x0a, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.last == 0x0d { line = line.dropLast() }
            do {
                let body = try entry(Array(line)).get()
                if let first = seenIDs[body.id] {
                    throw LedgerError(.invalidEntry, "id \(PersonalData.quotable(body.id)) repeats the id of line \(first)")
                }
                seenIDs[body.id] = lineNumber
                bodies.append(body)
            } catch let error as LedgerError {
                errorCount += 1
                if firstBadLine == 0 { firstBadLine = lineNumber }
                if errors.count < reportedErrorCountMax { errors.append("\(name):\(lineNumber): \(error.message)") }
            }
        }
        guard errorCount == 0 else {
            let more = errorCount > 1 ? " (\(errorCount) bad lines in all; nothing was written)" : " (nothing was written)"
            // entryIndex: the 0-based position of the first bad line, for callers that name it.
            throw LedgerError(.invalidEntry, errors[0] + more, entryIndex: firstBadLine - 1)
        }
        return bodies
    }

    /// One line's entry, or why it is not one.
    static func entry(_ line: [UInt8]) -> Result<EntryBody, LedgerError> {
        do {
            guard !line.isEmpty else { throw LedgerError(.invalidEntry, "empty line") }
            return .success(try EntryBody(writerLine: line))
        } catch let error as LedgerError {
            return .failure(error)
        } catch {
            return .failure(LedgerError(.invalidEntry, "\(error)"))
        }
    }

    /// Up to `count` lines of a streamed file, parsed on every core.
    public struct Part {
        public var bodies: [EntryBody] = []
        public var lines: [Int] = []
        /// `FILE:LINE: reason` for the part's first bad lines (at most `errorCountMax`).
        public var errors: [String] = []
        public var errorCount = 0
    }

    /// The next part of `reader` (nil at the end): at most `count` lines, each parsed on
    /// every core, ids checked for repeats within the part (`StreamedAppend` checks across
    /// parts), bad lines described up to `errorCountMax`.
    public static func readPart(_ reader: LineReader, count: Int, name: String, errorCountMax: Int = reportedErrorCountMax) throws -> Part? {
        var raw: [(bytes: [UInt8], number: Int)] = []
        var part = Part()
        var tooLong: [Int] = []
        func fail(_ number: Int, _ message: String) {
            part.errorCount += 1
            if part.errors.count < errorCountMax { part.errors.append("\(name):\(number): \(message)") }
        }
        while raw.count + tooLong.count < count, let line = try reader.next() {
            switch line {
            case .text(let bytes, let number): raw.append((Array(bytes), number))
            case .tooLong(let number): tooLong.append(number)
            }
        }
        guard !raw.isEmpty || !tooLong.isEmpty else { return nil }
        // Over-long lines are reported in line order with the others.
        for number in tooLong where raw.first.map({ number < $0.number }) ?? true {
            fail(number, "the line is over the \(EntryLimits.entryByteCountMax)-byte limit for an entry")
        }
        let parsed = ParallelDecode.map(count: raw.count, context: {}) { index, _ in entry(raw[index].bytes) }
        var seenIDs: [String: Int] = [:]
        for (index, result) in parsed.enumerated() {
            let number = raw[index].number
            for long in tooLong where long > (index > 0 ? raw[index - 1].number : Int.min) && long < number {
                fail(long, "the line is over the \(EntryLimits.entryByteCountMax)-byte limit for an entry")
            }
            switch result {
            case .failure(let error): fail(number, error.message)
            case .success(let body):
                if let first = seenIDs[body.id] {
                    fail(number, "id \(PersonalData.quotable(body.id)) repeats the id of line \(first)")
                    continue
                }
                seenIDs[body.id] = number
                part.bodies.append(body)
                part.lines.append(number)
            }
        }
        for long in tooLong where long > (raw.last?.number ?? Int.max) {
            fail(long, "the line is over the \(EntryLimits.entryByteCountMax)-byte limit for an entry")
        }
        return part
    }
}
