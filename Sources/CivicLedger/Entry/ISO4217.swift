/// The active codes of ISO 4217 List One (2025) that have a minor unit, with their
/// exponents. Codes whose minor unit is "N.A." (precious metals XAU XAG XPD XPT, XDR,
/// the bond-market units XBA–XBD, XSU, XUA, the test code XTS and XXX) are left out:
/// an amount in them cannot be written as an integer count of minor units. Codes that
/// ISO still lists while they are being withdrawn (ANG, CUC, SLL, ZWL) are kept so that
/// historical entries stay readable.
enum ISO4217 {
    static let exponents: [String: Int] = {
        var table: [String: Int] = [:]
        for code in exponent0 { table[code] = 0 }
        for code in exponent2 { table[code] = 2 }
        for code in exponent3 { table[code] = 3 }
        for code in exponent4 { table[code] = 4 }
        assert(table.count == exponent0.count + exponent2.count + exponent3.count + exponent4.count, "no code twice")
        return table
    }()

    /// The exponent of a code given as bytes: three upper-case ASCII letters in the table,
    /// else nil. Every entry with an amount asks, so this indexes a table of all 26^3
    /// letter triples instead of hashing a `String` into `exponents`.
    static func exponent(code bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 3 else { return nil }
        var index = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return nil }
            index = index * 26 + Int(byte - UInt8(ascii: "A"))
        }
        let exponent = exponentByTriple[index]
        return exponent < 0 ? nil : Int(exponent)
    }

    /// `exponents` by letter triple (`AAA` = 0, `AAB` = 1, …), -1 where no code.
    private static let exponentByTriple: [Int8] = {
        var table = [Int8](repeating: -1, count: 26 * 26 * 26)
        for (code, exponent) in exponents {
            let index = code.utf8.reduce(0) { $0 * 26 + Int($1 - UInt8(ascii: "A")) }
            table[index] = Int8(exponent)
        }
        return table
    }()

    private static let exponent0 = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
        "VND", "VUV", "XAF", "XOF", "XPF",
    ]

    private static let exponent3 = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    private static let exponent4 = ["CLF", "UYW"]

    private static let exponent2 = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN",
        "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
        "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK",
        "DKK", "DOP", "DZD",
        "EGP", "ERN", "ETB", "EUR",
        "FJD", "FKP",
        "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF",
        "IDR", "ILS", "INR", "IRR",
        "JMD",
        "KES", "KGS", "KHR", "KPW", "KYD", "KZT",
        "LAK", "LBP", "LKR", "LRD", "LSL",
        "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN",
        "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
        "PAB", "PEN", "PGK", "PHP", "PKR", "PLN",
        "QAR",
        "RON", "RSD", "RUB",
        "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
        "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS",
        "UAH", "USD", "USN", "UYU", "UZS",
        "VED", "VES",
        "WST",
        "XCD", "XCG",
        "YER",
        "ZAR", "ZMW", "ZWG", "ZWL",
    ]
}
