/// An active ISO 4217 currency and its minor-unit exponent (the number of decimal
/// digits after the point: 2 for CNY, 0 for JPY, 3 for KWD, 4 for CLF).
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    public let exponent: Int

    private init(code: String, exponent: Int) {
        self.code = code
        self.exponent = exponent
    }

    /// Looks `code` up in the ISO 4217 table; only upper-case alphabetic codes match.
    public static func named(_ code: String) throws -> Currency {
        // Looked up by its bytes, never by `String` equality, which is canonical equivalence:
        // "\u{212A}RW" (KELVIN SIGN) would otherwise be KRW, spelled otherwise.
        var code = code
        guard let exponent = code.withUTF8(ISO4217.exponent(code:)) else {
            throw LedgerError(.invalidEntry, "the currency is not a known ISO 4217 code")
        }
        assert(code.utf8.count == 3 && (0...4).contains(exponent), "the ISO 4217 table holds three-letter codes")
        return Currency(code: code, exponent: exponent)
    }

    public static let cny = try! Currency.named("CNY")

    /// Every known code with its exponent, for a verifier outside Swift (the donor page).
    public static var exponentTable: [String: Int] { ISO4217.exponents }

    public var description: String { code }
}
