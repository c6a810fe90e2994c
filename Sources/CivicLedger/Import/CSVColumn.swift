/// One column a CSV import file may have: a writer field path with dots for nesting
/// (`donor.ref` is `{"donor":{"ref":…}}`) and how its cells are read.
public struct CSVColumn: Equatable, Sendable {
    public enum ValueType: String, Sendable {
        /// The cell as it is, a JSON string.
        case text
        /// A decimal amount such as `500.00`, becoming money in the row's `currency`.
        case money
        /// A decimal amount becoming an integer of minor units in the row's `currency` (may be 0).
        case minorUnits
        /// Plain decimal digits, no sign or leading zero, becoming a JSON integer.
        case integer
        /// `true` or `false`.
        case boolean
        /// The ISO 4217 code the row's money columns are in; not emitted itself.
        case currency
    }

    public let name: String
    public let type: ValueType

    /// Every column the importer knows, in the order `Ledger/SPEC.md` lists them. The
    /// genesis and key-rotation fields are absent: those kinds are never imported from CSV.
    public static let known: [CSVColumn] = [
        .init("kind"), .init("id"), .init("date"), .init("memo"), .init("currency", .currency),
        .init("fund.code"), .init("fund.name"), .init("fund.restriction"), .init("fund.purpose"), .init("fund.filing"),
        .init("fund"), .init("amount", .money), .init("category"), .init("region.code"), .init("region.area"),
        .init("donor.ref"), .init("donor.type"), .init("donor.anonymous", .boolean), .init("commitment"), .init("form"),
        .init("in_kind.description"), .init("in_kind.valuation", .money),
        .init("receipt.series"), .init("receipt.number", .integer), .init("receipt.declined", .boolean),
        .init("contributor.ref"), .init("contributor.type"), .init("participant.ref"), .init("scheme"),
        .init("tier", .integer), .init("mechanism"), .init("split.employer", .minorUnits),
        .init("split.employee", .minorUnits), .init("wage_base", .money),
        .init("expense"), .init("beneficiary.ref"), .init("beneficiary.group"), .init("project"),
        .init("from"), .init("to"), .init("authority.type"), .init("authority.ref"),
        .init("target", .integer), .init("reason"),
    ]

    static let byName: [String: CSVColumn] = Dictionary(uniqueKeysWithValues: known.map { ($0.name, $0) })

    /// The columns a header must have.
    public static let required = ["kind", "id", "date"]

    init(_ name: String, _ type: ValueType = .text) {
        self.name = name
        self.type = type
    }

    /// The field path's parts: `["donor", "ref"]`.
    var path: [Substring] { name.split(separator: ".") }
}
