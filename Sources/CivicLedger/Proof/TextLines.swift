/// A cursor over the `\n`-terminated lines of a proof or receipt file, with the reading
/// of an embedded signed note (text lines, a blank line, `— ` signature lines).
struct TextLines {
    private let lines: [Substring]
    private(set) var position = 0
    let name: String

    /// Splits `text`, which must end in a newline.
    init(_ text: String, name: String) throws {
        guard text.hasSuffix("\n") else { throw LedgerError(.invalidProof, "\(name) does not end in a newline") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        self.lines = lines
        self.name = name
    }

    var atEnd: Bool { position == lines.count }

    mutating func next(_ what: String) throws -> Substring {
        guard position < lines.count else { throw LedgerError(.invalidProof, "\(name) ends before its \(what)") }
        defer { position += 1 }
        return lines[position]
    }

    func peek() -> Substring? {
        position < lines.count ? lines[position] : nil
    }

    mutating func expect(_ line: String, _ what: String) throws {
        guard try next(what) == line else { throw LedgerError(.invalidProof, "\(name): expected \(what) (\"\(line)\") at line \(position)") }
    }

    /// Base64 hash lines up to (and consuming) the next empty line.
    mutating func hashes(_ what: String) throws -> [Hash32] {
        var hashes: [Hash32] = []
        while true {
            let line = try next(what)
            if line.isEmpty { return hashes }
            guard let hash = Hash32(base64: String(line)) else {
                throw LedgerError(.invalidProof, "\(name) line \(position): \(what) hash is not base64 of 32 bytes")
            }
            guard hashes.count < 64 else { throw LedgerError(.invalidProof, "\(name): more than 64 \(what) hashes") }
            hashes.append(hash)
        }
    }

    /// A signed note: its text lines, the blank line, and every following signature line.
    mutating func note(_ what: String) throws -> SignedNote {
        var text = ""
        while let line = peek(), !line.isEmpty {
            text += line + "\n"
            position += 1
        }
        try expect("", "blank line of the \(what)")
        var signatures = ""
        while let line = peek(), line.hasPrefix("\u{2014} ") {
            signatures += line + "\n"
            position += 1
        }
        do { return try SignedNote.parse(text + "\n" + signatures) } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "\(name): \(what): \(error.message)")
        }
    }
}
