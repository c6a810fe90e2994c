import CivicLedger

/// Writes RFC 4180 CSV: records end with CRLF; a field holding a comma, a double quote, CR
/// or LF is enclosed in double quotes, with each double quote doubled. A field a spreadsheet
/// would run as a formula (starting `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`,
/// unless it is a plain decimal number such as `-12.34`, which a spreadsheet reads as data.
public struct CSVWriter: Sendable {
    public private(set) var text: String

    /// Starts a document with its header record.
    public init(header: [String]) {
        text = ""
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        text += fields.map(CSVWriter.field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    public static func field(_ raw: String) -> String {
        let value = neutralised(raw)
        let special = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard special else { return value }
        return "\"" + value.replacingQuotes() + "\""
    }

    /// `value` with a `'` before it when a spreadsheet would take it for a formula.
    static func neutralised(_ value: String) -> String {
        guard let first = value.utf8.first, "=+-@\t\r".utf8.contains(first), !isPlainNumber(value) else { return value }
        return "'" + value
    }

    /// `-?digits(.digits)?`: what `decimal` and integer columns write.
    private static func isPlainNumber(_ value: String) -> Bool {
        let body = value.utf8.first == UInt8(ascii: "-") ? value.utf8.dropFirst() : value.utf8[...]
        let parts = body.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}

private extension String {
    func replacingQuotes() -> String {
        var result = ""
        for character in unicodeScalars {
            if character == "\"" { result += "\"\"" } else { result.unicodeScalars.append(character) }
        }
        return result
    }
}
