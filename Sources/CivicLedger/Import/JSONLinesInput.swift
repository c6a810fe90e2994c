/// Parses a JSON Lines file of writer entries, naming every problem by line number.
public enum JSONLinesInput {
    /// At most this many bad lines are described; the rest are counted.
    public static let reportedErrorCountMax = 20

    /// Every line one writer entry (`EntryBody(writerJSON:)`), CRLF allowed, no empty line,
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
                guard !line.isEmpty else { throw LedgerError(.invalidEntry, "empty line") }
                let body = try EntryBody(writerJSON: CanonicalJSON.parse(Array(line)))
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
}
