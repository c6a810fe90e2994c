/// A proleptic-Gregorian calendar date, the value date of an entry and the unit of every
/// period, year and deadline. Its text is exactly `YYYY-MM-DD`. Any real date in years
/// 0001…9999 can be read (so a ledger written before the range below still verifies), but
/// a writer may only supply dates in `CivilDate.writable` (see Ledger/SPEC.md).
public struct CivilDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The value dates a writer may supply: 1900-01-01 … 2199-12-31. Wider dates are typos
    /// (`0001-01-01`, `9999-12-31`) that would make yearly exports span millennia.
    public static let writable = CivilDate(checkedYear: 1900, month: 1, day: 1)...CivilDate(checkedYear: 2199, month: 12, day: 31)

    /// Nil unless `year` is 1…9999 and `month`/`day` name a real day of it.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.init(checkedYear: year, month: month, day: day)
    }

    private init(checkedYear: Int, month: Int, day: Int) {
        self.year = checkedYear
        self.month = month
        self.day = day
    }

    /// Reads exactly `YYYY-MM-DD` (ten ASCII bytes); nil for anything else.
    public init?(_ text: String) {
        guard let date = CivilDate.parse(text) else { return nil }
        self = date
    }

    /// `CivilDate(text)` for the text's UTF-8 bytes, read in place.
    init?(utf8: UnsafeBufferPointer<UInt8>) {
        guard let (year, month, day) = CivilDate.fields(utf8: utf8) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date part of an RFC 3339 time `YYYY-MM-DDTHH:MM:SSZ`; nil when it has none.
    public init?(dateOf time: String) {
        guard time.utf8.count >= 10 else { return nil }
        self.init(String(decoding: time.utf8.prefix(10), as: UTF8.self))
    }

    /// `CivilDate(text)`, or the reason it is not one (without the text, which may be
    /// personal data): "is not a date YYYY-MM-DD" or "is not a calendar date".
    public static func problem(_ text: String) -> String? {
        var text = text
        return text.withUTF8(problem(utf8:))
    }

    /// `problem` for the text's UTF-8 bytes, read in place.
    static func problem(utf8: UnsafeBufferPointer<UInt8>) -> String? {
        guard let (year, month, day) = fields(utf8: utf8) else { return "is not a date YYYY-MM-DD" }
        return CivilDate(year: year, month: month, day: day) == nil ? "is not a calendar date" : nil
    }

    /// The reason a writer may not supply `self`, or nil when it is in `writable`.
    public var writableProblem: String? {
        CivilDate.writable.contains(self) ? nil
            : "\(text) is outside the value dates \(CivilDate.writable.lowerBound)…\(CivilDate.writable.upperBound)"
    }

    private static func parse(_ text: String) -> CivilDate? {
        guard let (year, month, day) = fields(text) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// The three numbers of `YYYY-MM-DD` (ten ASCII bytes: digits, `-` at offsets 4 and 7),
    /// read from the text's bytes in place: most entries hold dates, and copying the text into
    /// an array twice cost more than reading it.
    private static func fields(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var text = text
        return text.withUTF8 { fields(utf8: $0) }
    }

    private static func fields(utf8: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard utf8.count == 10 else { return nil }
        var numbers = (year: 0, month: 0, day: 0)
        for (offset, byte) in utf8.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch offset {
            case 0..<4: numbers.year = numbers.year * 10 + digit
            case 5..<7: numbers.month = numbers.month * 10 + digit
            default: numbers.day = numbers.day * 10 + digit
            }
        }
        return numbers
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 1…4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// Days since 1970-01-01 (H. Hinnant's days-from-civil); negative before it.
    public var daysSinceEpoch: Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The same day `months` later, held at the month's last day (31 Jan + 1 month = 28/29
    /// Feb); nil when that leaves years 1…9999.
    public func adding(months: Int) -> CivilDate? {
        let (index, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow, index >= 12 else { return nil }
        let newYear = index / 12
        let newMonth = index % 12 + 1
        return CivilDate(year: newYear, month: newMonth, day: min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }

    /// `CivilDate(year:month:day:)` with the day held at the month's end (a due date such
    /// as the 31st in any month).
    public static func clamped(year: Int, month: Int, day: Int) -> CivilDate? {
        guard (1...12).contains(month) else { return nil }
        return CivilDate(year: year, month: month, day: min(max(day, 1), daysIn(month: month, year: year)))
    }

    /// `YYYY-MM-DD`.
    public var text: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    public var description: String { text }

    /// Today (UTC).
    public static func today() -> CivilDate {
        guard let date = CivilDate(dateOf: UTCClock.now()) else { preconditionFailure("the clock gives RFC 3339 times") }
        return date
    }

    public static func < (left: CivilDate, right: CivilDate) -> Bool {
        (left.year, left.month, left.day) < (right.year, right.month, right.day)
    }
}
