/// An amount: a positive integer count of minor units in one currency.
/// `{"value":50000,"currency":"CNY"}` is 500.00 CNY.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// 2^53−1: the largest integer RFC 8785 JSON carries exactly.
    public static let valueMax: Int64 = JSONValue.integerMagnitudeMax

    /// Longer decimal text cannot be a valid amount whatever its form.
    static let decimalTextByteCountMax = 40

    public let value: Int64
    public let currency: Currency

    /// Throws unless 0 < `value` ≤ 2^53−1.
    public init(value: Int64, currency: Currency) throws {
        guard value > 0 else { throw LedgerError(.invalidEntry, "the amount must be positive") }
        guard value <= Money.valueMax else {
            throw LedgerError(.invalidEntry, "the amount exceeds the limit of \(Money.valueMax) minor units")
        }
        self.value = value
        self.currency = currency
    }

    /// Converts a plain decimal string (`500.00`, `500.5`, `500`) exactly to minor units.
    /// No sign, exponent, grouping or whitespace; at most `currency.exponent` fraction
    /// digits; the result must be a valid amount.
    public static func parseDecimal(_ text: String, currency: Currency) throws -> Money {
        guard text.utf8.count <= decimalTextByteCountMax else {
            throw LedgerError(.invalidEntry, "amount text longer than \(decimalTextByteCountMax) characters")
        }
        let parts = text.utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : nil
        guard !whole.isEmpty, whole.allSatisfy(Money.isDigit) else {
            throw LedgerError(.invalidEntry, "the amount is not a plain decimal number (digits and an optional '.')")
        }
        if let fraction {
            guard !fraction.isEmpty, fraction.allSatisfy(Money.isDigit) else {
                throw LedgerError(.invalidEntry, "the amount is not a plain decimal number (digits and an optional '.')")
            }
            guard fraction.count <= currency.exponent else {
                throw LedgerError(.invalidEntry, "the amount has more than \(currency.exponent) decimal places for \(currency.code)")
            }
        }
        let fractionDigits: [UInt8] = fraction.map { Array($0) } ?? []
        var digits: [UInt8] = Array(whole)
        digits.append(contentsOf: fractionDigits)
        digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: currency.exponent - fractionDigits.count))
        return try Money(value: try minorUnits(digits, text: text), currency: currency)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func minorUnits(_ digits: [UInt8], text: String) throws -> Int64 {
        var value: Int64 = 0
        for digit in digits {
            let (product, overflowMultiply) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = product.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflowMultiply, !overflowAdd, sum <= valueMax else {
                throw LedgerError(.invalidEntry, "the amount exceeds the limit of \(valueMax) minor units")
            }
            value = sum
        }
        return value
    }

    /// The amount as a decimal string with exactly `currency.exponent` fraction digits.
    public var decimalString: String {
        let digits = String(value)
        let exponent = currency.exponent
        guard exponent > 0 else { return digits }
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -exponent)
        return "\(padded[..<split]).\(padded[split...])"
    }

    public var description: String { "\(decimalString) \(currency.code)" }

    /// The JSON form `{"currency":"CNY","value":50000}`.
    public var json: JSONValue {
        .object(["value": .integer(value), "currency": .string(currency.code)])
    }
}
