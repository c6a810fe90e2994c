import CivicLedger

/// Integer arithmetic for the audit rules: money in minor units, ratios in basis points
/// (1/100 of a percent), never floating point. Sums saturate instead of wrapping, so an
/// absurd ledger cannot turn a total negative.
enum AuditMath {
    /// `a + b`, held at the Int64 bounds instead of overflowing.
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? Int64.max : Int64.min
    }

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

/// A proleptic-Gregorian calendar date read from `YYYY-MM-DD` (or the date part of an
/// RFC 3339 time), with day counts for comparing dates.
struct CivilDate: Comparable, Sendable {
    let year: Int
    let month: Int
    let day: Int

    /// The date at the start of `text`; nil when it is not `YYYY-MM-DD…`.
    init?(_ text: String) {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's days-from-civil).
    var dayNumber: Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The same day `months` later, held at the month's last day (31 Jan + 1 month = 28/29 Feb).
    func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        return CivilDate(year: newYear, month: newMonth, day: min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }

    var text: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day)
    }

    static func < (left: CivilDate, right: CivilDate) -> Bool {
        (left.year, left.month, left.day) < (right.year, right.month, right.day)
    }
}

extension Entry {
    /// The calendar year of the value date.
    var valueYear: Int { CivilDate(body.date)?.year ?? 0 }
}
