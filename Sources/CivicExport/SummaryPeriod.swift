import CivicLedger

/// The value-date period a summary covers: `from` and `to` inclusive, either open (nil).
/// A calendar year is 1 January to 31 December.
public struct SummaryPeriod: Equatable, Sendable {
    public let from: CivilDate?
    public let to: CivilDate?

    /// Every value date.
    public static let all = SummaryPeriod(checkedFrom: nil, to: nil)

    /// Throws unless `from` and `to` are real dates `YYYY-MM-DD` with `from` ≤ `to`.
    public init(from: String?, to: String?) throws {
        func date(_ name: String, _ text: String?) throws -> CivilDate? {
            guard let text else { return nil }
            guard let date = CivilDate(text) else {
                throw LedgerError(.usage, "\(name): \"\(text.prefix(40))\" is not a date YYYY-MM-DD")
            }
            return date
        }
        let start = try date("--from", from)
        let end = try date("--to", to)
        if let start, let end, start > end {
            throw LedgerError(.usage, "--from \(start) is after --to \(end)")
        }
        self.init(checkedFrom: start, to: end)
    }

    /// The calendar year `year`, one of the years of `CivilDate.writable`.
    public init(year: Int) throws {
        let years = CivilDate.writable.lowerBound.year...CivilDate.writable.upperBound.year
        guard years.contains(year), let first = CivilDate(year: year, month: 1, day: 1),
              let last = CivilDate(year: year, month: 12, day: 31) else {
            throw LedgerError(.usage, "--year: \(year) is not a year \(years.lowerBound)…\(years.upperBound)")
        }
        self.init(checkedFrom: first, to: last)
    }

    private init(checkedFrom: CivilDate?, to: CivilDate?) {
        self.from = checkedFrom
        self.to = to
    }

    /// Whether a value date lies in the period.
    public func contains(_ date: CivilDate) -> Bool {
        (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true)
    }

    /// `{"from": date | null, "to": date | null}`.
    public var json: JSONValue {
        .object(["from": from.map { .string($0.text) } ?? .null, "to": to.map { .string($0.text) } ?? .null])
    }
}
