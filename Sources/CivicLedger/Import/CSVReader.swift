/// A strict RFC 4180 reader over the bytes of one file, held whole or read a chunk at a time.
///
/// Fields are separated by commas; rows end with CRLF or LF (the last row may have no
/// line end). A field in double quotes may hold commas, doubled quotes (`""` is one `"`)
/// and newlines (CR, LF or CRLF). A leading UTF-8 byte order mark is skipped. The first
/// record is the header and fixes the number of fields every later record must have.
///
/// Strict means: a quote inside an unquoted field, text after a closing quote, a bare CR
/// outside quotes, an unterminated quote, invalid UTF-8, an over-long field, too many
/// columns or a field count unlike the header's are errors naming the line where the
/// record starts. After an error the reader has consumed the whole bad record (it reads
/// on leniently to the record's end), so a caller can go on and list later problems.
public struct CSVReader {
    /// The longest field, in bytes after unquoting.
    public static let fieldByteCountMax = 64 * 1024
    /// The most fields a record may have.
    public static let columnCountMax = 200

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed: UInt8 = 0x0a
    private static let carriageReturn: UInt8 = 0x0d

    /// The bytes buffered and not yet read start at `index`.
    private var bytes: [UInt8]
    private var index: Int
    /// Where more bytes come from (nil: `bytes` is the whole input).
    private let source: ChunkReader?
    private let chunkByteCount: Int
    private var sourceEnded: Bool
    private var byteOrderMarkChecked: Bool
    /// The physical line the next byte is on.
    private var lineNumber = 1
    /// The header's fields, once the header has been read.
    private var header: [String]?
    /// Why reading the input failed: the reader then stops as at the end of the input, so a
    /// caller checks this before it trusts a record or a problem (`next()` does).
    public private(set) var readError: LedgerError?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        index = 0
        source = nil
        chunkByteCount = 0
        sourceEnded = true
        byteOrderMarkChecked = false
    }

    /// A reader of `source` through a buffer of `chunkByteCount` bytes a read, so memory
    /// does not depend on the input's size: a record may straddle any number of reads.
    public init(source: ChunkReader, chunkByteCount: Int = LineReader.bufferByteCount) {
        precondition(chunkByteCount > 0, "a read asks for at least one byte")
        bytes = []
        index = 0
        self.source = source
        self.chunkByteCount = chunkByteCount
        sourceEnded = false
        byteOrderMarkChecked = false
    }

    /// The next record (the header first), or nil at the end of the bytes. Throws a
    /// `LedgerError(.invalidEntry)` naming the line, or the read error; reading may go on
    /// after a bad record.
    public mutating func next() throws -> CSVRecord? {
        let record: CSVRecord?
        do { record = try nextRecord() } catch {
            if let readError { throw readError }
            throw error.ledgerError
        }
        if let readError { throw readError }
        return record
    }

    /// Every record of `bytes`, the header first; throws at the first bad one.
    public static func records(_ bytes: [UInt8]) throws -> [CSVRecord] {
        var reader = CSVReader(bytes: bytes)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// Whether a byte is at `index`, reading on when the buffered bytes are used up.
    @inline(__always) private mutating func hasByte() -> Bool {
        index < bytes.count || fill(atLeast: 1)
    }

    /// Reads until `count` bytes are buffered from `index`; false when the input ends first.
    private mutating func fill(atLeast count: Int) -> Bool {
        while bytes.count - index < count {
            guard let source, !sourceEnded else { return false }
            if index > 0 {
                bytes.removeSubrange(0..<index)
                index = 0
            }
            do {
                if try !source.read(into: &bytes, upTo: chunkByteCount) { sourceEnded = true }
            } catch {
                readError = error as? LedgerError ?? LedgerError(.io, "\(source.name): \(error)")
                sourceEnded = true
            }
        }
        return true
    }

    /// Skips a leading UTF-8 byte order mark, once.
    private mutating func skipByteOrderMark() {
        byteOrderMarkChecked = true
        guard fill(atLeast: 3) else { return }
        if bytes[index] == 0xef && bytes[index + 1] == 0xbb && bytes[index + 2] == 0xbf { index += 3 }
    }

    /// As `next()`, with the problem's parts kept apart for the caller's report.
    mutating func nextRecord() throws(CSVProblem) -> CSVRecord? {
        if !byteOrderMarkChecked { skipByteOrderMark() }
        guard hasByte() else { return nil }
        let startLine = lineNumber
        var scan = RecordScan()
        while scanField(&scan) {}
        assert(index <= bytes.count, "the scan stays within the bytes")
        if let problem = scan.problem {
            throw CSVProblem(lineNumber: startLine, column: scan.problemField.map(columnName), reason: problem)
        }
        if let expected = header?.count {
            if scan.fields.count != expected {
                let reason = scan.fields == [""]
                    ? "empty line; every row needs \(expected) fields like the header"
                    : "\(scan.fields.count) fields, but the header has \(expected)"
                throw CSVProblem(lineNumber: startLine, reason: reason)
            }
        } else {
            header = scan.fields
        }
        return CSVRecord(lineNumber: startLine, fields: scan.fields)
    }

    /// What one record's scan has found so far: its fields and its first problem.
    private struct RecordScan {
        var fields: [String] = []
        var problem: String?
        /// The 0-based field the problem is in, when it is in one.
        var problemField: Int?
        var buffer: [UInt8] = []

        mutating func note(_ text: String, field: Int? = nil) {
            guard problem == nil else { return }
            problem = text
            problemField = field
        }
    }

    /// The header's name for a 0-based field, or `field N` (1-based) where there is none.
    private func columnName(_ field: Int) -> String {
        guard let header, field < header.count, !header[field].isEmpty else { return "field \(field + 1)" }
        return header[field]
    }

    /// Reads one field and its terminator; returns true when another field follows.
    private mutating func scanField(_ scan: inout RecordScan) -> Bool {
        let field = scan.fields.count
        scan.buffer.removeAll(keepingCapacity: true)
        let quoted = hasByte() && bytes[index] == CSVReader.quote
        if quoted {
            index += 1
            scanQuoted(&scan, field: field)
        }
        scanUnquoted(&scan, field: field, afterQuotes: quoted)
        appendField(&scan, field: field)
        return scanTerminator(&scan)
    }

    /// Reads a quoted field's content up to and past its closing quote.
    private mutating func scanQuoted(_ scan: inout RecordScan, field: Int) {
        while hasByte() {
            let byte = bytes[index]
            index += 1
            if byte == CSVReader.quote {
                guard hasByte() && bytes[index] == CSVReader.quote else { return }
                index += 1
            } else if byte == CSVReader.lineFeed {
                lineNumber += 1
            } else if byte == CSVReader.carriageReturn {
                if hasByte() && bytes[index] == CSVReader.lineFeed {
                    append(&scan, CSVReader.carriageReturn, field: field)
                    index += 1
                    append(&scan, CSVReader.lineFeed, field: field)
                    lineNumber += 1
                    continue
                }
                lineNumber += 1
            }
            append(&scan, byte, field: field)
        }
        scan.note("quoted field is never closed", field: field)
    }

    /// Reads unquoted bytes up to the next comma, line end or the end of the bytes.
    /// After a closing quote any byte here is an error, as is a quote anywhere.
    private mutating func scanUnquoted(_ scan: inout RecordScan, field: Int, afterQuotes: Bool) {
        while hasByte() {
            let byte = bytes[index]
            if byte == CSVReader.comma || byte == CSVReader.lineFeed || byte == CSVReader.carriageReturn { return }
            if afterQuotes {
                scan.note("text after the closing quote", field: field)
            } else if byte == CSVReader.quote {
                scan.note("quote inside an unquoted field (quote the whole field and double the quote)", field: field)
            }
            append(&scan, byte, field: field)
            index += 1
        }
    }

    private func append(_ scan: inout RecordScan, _ byte: UInt8, field: Int) {
        guard scan.buffer.count < CSVReader.fieldByteCountMax else {
            scan.note("longer than \(CSVReader.fieldByteCountMax) bytes", field: field)
            return
        }
        scan.buffer.append(byte)
    }

    private func appendField(_ scan: inout RecordScan, field: Int) {
        guard scan.fields.count < CSVReader.columnCountMax else {
            scan.note("more than \(CSVReader.columnCountMax) fields")
            return
        }
        guard let text = String(validating: scan.buffer, as: UTF8.self) else {
            scan.note("invalid UTF-8", field: field)
            scan.fields.append("")
            return
        }
        scan.fields.append(text)
    }

    /// Consumes a comma (returns true) or a row end (returns false).
    private mutating func scanTerminator(_ scan: inout RecordScan) -> Bool {
        guard hasByte() else { return false }
        let byte = bytes[index]
        index += 1
        if byte == CSVReader.comma { return true }
        if byte == CSVReader.carriageReturn {
            guard hasByte() && bytes[index] == CSVReader.lineFeed else {
                scan.note("carriage return without a line feed outside quotes")
                lineNumber += 1
                return false
            }
            index += 1
        }
        assert(byte == CSVReader.lineFeed || bytes[index - 1] == CSVReader.lineFeed, "a row ends with a line feed")
        lineNumber += 1
        return false
    }
}
