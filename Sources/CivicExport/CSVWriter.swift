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

    /// Minor units as a plain decimal with the currency's number of fraction digits
    /// (`-1234` CNY is `-12.34`, `5` JPY is `5`).
    public static func decimal(_ minorUnits: Int64, _ currency: Currency) -> String {
        let digits = String(minorUnits.magnitude)
        let sign = minorUnits < 0 ? "-" : ""
        let exponent = currency.exponent
        guard exponent > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -exponent)
        return sign + padded[..<split] + "." + padded[split...]
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
