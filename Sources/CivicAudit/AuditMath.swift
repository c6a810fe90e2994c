import CivicLedger

/// Integer arithmetic for the audit rules: money in minor units, ratios in basis points
/// (1/100 of a percent), never floating point. Sums of minor units follow the one overflow
/// policy, `Money.sum`.
enum AuditMath {
    /// True when `a × b ≥ c × d`, exactly (128-bit products); negative factors count as 0.
    static func productAtLeast(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Bool {
        let left = UInt64(max(a, 0)).multipliedFullWidth(by: UInt64(max(b, 0)))
        let right = UInt64(max(c, 0)).multipliedFullWidth(by: UInt64(max(d, 0)))
        return left.high != right.high ? left.high > right.high : left.low >= right.low
    }

    /// `part` as basis points of `whole`, rounded down; nil when `whole` is not positive.
    static func basisPoints(_ part: Int64, of whole: Int64) -> Int64? {
        guard whole > 0 else { return nil }
        let product = UInt64(max(part, 0)).multipliedFullWidth(by: 10_000)
        let divisor = UInt64(whole)
        guard product.high < divisor else { return Int64.max }
        let quotient = divisor.dividingFullWidth(product).quotient
        return quotient > UInt64(Int64.max) ? Int64.max : Int64(quotient)
    }

    /// Basis points as a percentage for messages: 7000 → "70%", 1250 → "12.5%".
    static func percent(_ basisPoints: Int64) -> String {
        let whole = basisPoints / 100
        var fraction = basisPoints % 100
        guard fraction != 0 else { return "\(whole)%" }
        var digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        if fraction % 10 == 0 { fraction /= 10; digits = "\(fraction)" }
        return "\(whole).\(digits)%"
    }
}

extension Entry {
    /// The calendar year of the value date.
    var valueYear: Int { body.date.year }
}
