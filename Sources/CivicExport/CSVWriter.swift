import CivicLedger

/// Writes RFC 4180 CSV: records end with CRLF; a field holding a comma, a double quote, CR
/// or LF is enclosed in double quotes, with each double quote doubled.
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
    public static func field(_ value: String) -> String {
        let special = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard special else { return value }
        return "\"" + value.replacingQuotes() + "\""
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
