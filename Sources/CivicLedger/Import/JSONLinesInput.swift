/// Parses a JSON Lines file of writer entries a part at a time, naming every problem by line number.
public enum JSONLinesInput {
    /// At most this many bad lines are described; the rest are counted.
    public static let reportedErrorCountMax = 20

    /// One line's entry, or why it is not one.
    static func entry(_ line: [UInt8]) -> Result<EntryBody, LedgerError> {
        do {
            guard !line.isEmpty else { throw LedgerError(.invalidEntry, "empty line") }
            return .success(try EntryBody(writerJSON: CanonicalJSON.parse(line)))
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
