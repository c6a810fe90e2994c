import Testing
@testable import CivicLedger

@Suite struct MoneyTests {
    @Test(arguments: [
        ("500.00", "CNY", Int64(50000)), ("500", "CNY", 50000), ("500.5", "CNY", 50050), ("0.01", "CNY", 1),
        ("1234", "JPY", 1234), ("1.234", "KWD", 1234), ("0.001", "BHD", 1), ("2.5", "CLF", 25000),
        ("90071992547409.91", "CNY", 9_007_199_254_740_991), ("9007199254740991", "JPY", 9_007_199_254_740_991),
    ])
    func parsesDecimals(text: String, code: String, value: Int64) throws {
        let money = try Money.parseDecimal(text, currency: try Currency.named(code))
        #expect(money.value == value)
        #expect(money.currency.code == code)
        #expect(try Money.parseDecimal(money.decimalString, currency: money.currency) == money)
    }

    @Test(arguments: [
        ("500.001", "CNY"), ("1.5", "JPY"), ("1.", "JPY"), ("0.0001", "KWD"), ("-1", "CNY"), ("+1", "CNY"),
        ("1e3", "CNY"), ("", "CNY"), ("1.", "CNY"), (".5", "CNY"), ("0", "CNY"), ("0.00", "CNY"),
        ("1,000.00", "CNY"), (" 1", "CNY"), ("1.2.3", "CNY"), ("90071992547409.92", "CNY"),
        ("9007199254740992", "JPY"), ("99999999999999999999999", "CNY"), (String(repeating: "1", count: 60), "JPY"),
    ])
    func rejectsBadDecimals(text: String, code: String) throws {
        let currency = try Currency.named(code)
        #expect(throws: LedgerError.self) { try Money.parseDecimal(text, currency: currency) }
    }

    @Test func formatsDecimals() throws {
        #expect(try Money(value: 50000, currency: .cny).decimalString == "500.00")
        #expect(try Money(value: 5, currency: .cny).decimalString == "0.05")
        #expect(try Money(value: 7, currency: try Currency.named("JPY")).decimalString == "7")
        #expect(try Money(value: 1, currency: try Currency.named("KWD")).decimalString == "0.001")
        #expect(try Money(value: 12345, currency: try Currency.named("UYW")).decimalString == "1.2345")
        #expect(try Money(value: 50000, currency: .cny).description == "500.00 CNY")
    }

    @Test func currencyTable() throws {
        let expected = ["CNY": 2, "JPY": 0, "KWD": 3, "BHD": 3, "CLF": 4, "UYW": 4, "UYI": 0, "USD": 2, "EUR": 2,
                        "HKD": 2, "MOP": 2, "TWD": 2, "KRW": 0, "VND": 0, "ISK": 0, "TND": 3, "XOF": 0]
        for (code, exponent) in expected {
            #expect(try Currency.named(code).exponent == exponent, "\(code)")
        }
        #expect(ISO4217.exponents.count > 150)
        for code in ["XYZ", "cny", "HRK", "XAU", "XXX", "", "CNYX"] {
            #expect(throws: LedgerError(.invalidEntry, "the currency is not a known ISO 4217 code")) { try Currency.named(code) }
        }
    }

    @Test func amountsArePositiveAndBounded() throws {
        #expect(throws: LedgerError.self) { try Money(value: 0, currency: .cny) }
        #expect(throws: LedgerError.self) { try Money(value: -1, currency: .cny) }
        #expect(throws: LedgerError.self) { try Money(value: Money.valueMax + 1, currency: .cny) }
        #expect(try Money(value: Money.valueMax, currency: .cny).value == 9_007_199_254_740_991)
    }

    /// The one formatter: signed values, grouping, exponents 0…4, and no exponent 0 for a
    /// code it does not know.
    @Test func formatsAnyMinorUnits() throws {
        #expect(Money.decimalText(-7, .cny) == "-0.07")
        #expect(Money.decimalText(123_456_789, .cny, grouped: true) == "1,234,567.89")
        #expect(Money.decimalText(-1_234_567, try Currency.named("JPY"), grouped: true) == "-1,234,567")
        #expect(Money.decimalText(Int64.min, try Currency.named("CLF")) == "-922337203685477.5808")
        #expect(try Money.decimalText(1234, code: "KWD") == "1.234")
        #expect(throws: LedgerError.self) { try Money.decimalText(1234, code: "XYZ") }
    }

    /// Zero is allowed where a part may be zero, with the same syntax as an amount.
    @Test func parsesMinorUnitsWithZero() throws {
        #expect(try Money.parseMinorUnits("0.00", currency: .cny) == 0)
        #expect(try Money.parseMinorUnits("12.5", currency: .cny) == 1250)
        #expect(throws: LedgerError.self) { try Money.parseMinorUnits("0.000", currency: .cny) }
        #expect(throws: LedgerError.self) { try Money.parseMinorUnits("-0", currency: .cny) }
    }

    /// One overflow policy: checked, bounded at ±(2^53−1), an error beyond.
    @Test func sumsAreCheckedAtTheJSONBound() throws {
        #expect(try Money.sum(Money.valueMax - 1, 1) == Money.valueMax)
        #expect(try Money.sum(-Money.valueMax, 0) == -Money.valueMax)
        #expect(throws: LedgerError.self) { try Money.sum(Money.valueMax, 1) }
        #expect(throws: LedgerError.self) { try Money.sum(-Money.valueMax, -1) }
        #expect(throws: LedgerError.self) { try Money.sum(Int64.max, 1) }
        #expect(throws: LedgerError.self) { try Money.sum(Int64.min, -1) }
    }
}
