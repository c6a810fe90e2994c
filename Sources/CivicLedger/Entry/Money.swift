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

    /// Decimal text as minor units where zero is allowed (the parts of a split may be 0):
    /// the same syntax as `parseDecimal`.
    public static func parseMinorUnits(_ text: String, currency: Currency) throws -> Int64 {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let isZero = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 == UInt8(ascii: "0") } }
            && (parts.count == 1 || parts[1].count <= currency.exponent)
        if isZero { return 0 }
        return try parseDecimal(text, currency: currency).value
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
    public var decimalString: String { Money.decimalText(value, currency) }

    /// Minor units (of any sign) as decimal text with exactly `currency.exponent` fraction
    /// digits: `-1234` CNY is `-12.34`, `5` JPY is `5`; `grouped` puts a comma between
    /// thousands (`1,234.56`). The one place minor units become decimal text.
    public static func decimalText(_ minorUnits: Int64, _ currency: Currency, grouped: Bool = false) -> String {
        let exponent = currency.exponent
        var digits = String(minorUnits.magnitude)
        if digits.count <= exponent { digits = String(repeating: "0", count: exponent - digits.count + 1) + digits }
        let whole = digits.dropLast(exponent)
        var text = ""
        for (position, digit) in whole.enumerated() {
            if grouped, position > 0, (whole.count - position) % 3 == 0 { text += "," }
            text.append(digit)
        }
        if exponent > 0 { text += "." + digits.suffix(exponent) }
        return (minorUnits < 0 ? "-" : "") + text
    }

    /// `decimalText` for a currency code; an unknown code is an error, never exponent 0.
    public static func decimalText(_ minorUnits: Int64, code: String) throws -> String {
        decimalText(minorUnits, try Currency.named(code))
    }

    /// The one overflow policy for sums of minor units (balances, totals, tallies): `a + b`
    /// checked, and held to ±(2^53−1) so that every total is also exact in JSON; beyond it,
    /// an error, never a wrapped, saturated or rounded number (Ledger/SPEC.md).
    public static func sum(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow, sum.magnitude <= UInt64(valueMax) else {
            throw LedgerError(.invalidEntry, "a total of minor units leaves the range ±\(valueMax) (2^53−1)")
        }
        return sum
    }

    public var description: String { "\(decimalString) \(currency.code)" }

    /// The JSON form `{"currency":"CNY","value":50000}`.
    public var json: JSONValue {
        .object(["value": .integer(value), "currency": .string(currency.code)])
    }
}
