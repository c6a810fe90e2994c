import CivicLedger

/// The value-date period a summary covers: `from` and `to` inclusive (`YYYY-MM-DD`), either
/// open (nil). A calendar year is 1 January to 31 December.
public struct SummaryPeriod: Equatable, Sendable {
    public let from: String?
    public let to: String?

    /// Every value date.
    public static let all = SummaryPeriod(checkedFrom: nil, to: nil)

    /// Throws unless `from` and `to` are real dates `YYYY-MM-DD` with `from` ≤ `to`.
    public init(from: String?, to: String?) throws {
        for (name, text) in [("--from", from), ("--to", to)] {
            if let text, !SummaryPeriod.isDate(text) {
                throw LedgerError(.usage, "\(name): \"\(text.prefix(40))\" is not a date YYYY-MM-DD")
            }
        }
        if let from, let to, from > to {
            throw LedgerError(.usage, "--from \(from) is after --to \(to)")
        }
        self.init(checkedFrom: from, to: to)
    }

    /// The calendar year `year` (1…9999).
    public init(year: Int) throws {
        guard (1...9999).contains(year) else { throw LedgerError(.usage, "--year: \(year) is not a year 1…9999") }
        let text = String(repeating: "0", count: 4 - String(year).count) + String(year)
        self.init(checkedFrom: text + "-01-01", to: text + "-12-31")
    }

    private init(checkedFrom: String?, to: String?) {
        self.from = checkedFrom
        self.to = to
    }

    /// Whether a value date (`YYYY-MM-DD`, so byte order is date order) lies in the period.
    public func contains(_ date: String) -> Bool {
        (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true)
    }

    /// `{"from": date | null, "to": date | null}`.
    public var json: JSONValue {
        .object(["from": from.map(JSONValue.string) ?? .null, "to": to.map(JSONValue.string) ?? .null])
    }

    private static func isDate(_ text: String) -> Bool {
        EntryBody.isValidDate(text)
    }
}
