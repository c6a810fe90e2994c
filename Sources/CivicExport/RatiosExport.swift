import CivicAudit
import CivicLedger

/// `civic export ratios`: the charity-law ratios (LAW-RATIO) per year, computed by the audit
/// module's own code (`CharityRatios.years`) over the entries of the verified newest
/// checkpoint, against the organisation's row of the rule set's thresholds.
public struct RatiosExport: Sendable {
    public let checkpoint: ExportCheckpoint
    /// The rule set's `name`.
    public let ruleSet: String
    /// The year asked for; nil for every year of the ledger.
    public let year: Int?
    /// Empty when the rule set has no thresholds for the organisation's type and
    /// fundraising status (or the year asked for is not in the ledger).
    public let years: [RatioYear]

    /// `progress` is told how many entries have been read (CheckpointEntries).
    public init(reader: any CheckpointedLog, verifiers: [NoteVerifier], ruleSet: RuleSet, year: Int? = nil,
                progress: ((UInt64) -> Void)? = nil) throws {
        let checkpoint = try ExportCheckpoint(reader: reader, verifiers: verifiers)
        let entries = CheckpointEntries(reader: reader, checkpoint: checkpoint.checkpoint, progress: progress)
        let all = try CharityRatios.years(ruleSet: ruleSet, entries: entries, entry: { try reader.entry(seq: $0) })
        try entries.finish()
        let chosen = year.map { wanted in all.filter { $0.year == wanted } } ?? all
        self.checkpoint = checkpoint
        self.ruleSet = ruleSet.name
        self.year = year
        years = chosen
    }

    /// The fields of one year, in CSV column order (`notes` joined by "; " in CSV).
    public static let columns = [
        "year", "currency", "complete", "income", "prior_income", "average_prior_income", "charitable", "administrative",
        "fundraising", "total_spending", "net_assets", "spending_of_prior_income_bp", "spending_of_net_assets_bp",
        "admin_of_spending_bp", "min_spending_of_prior_income_bp", "min_spending_of_net_assets_bp",
        "max_admin_of_spending_bp", "admin_floor", "unconfirmed", "spending_test", "spending", "admin_test", "admin", "notes",
    ]

    static func values(_ ratio: RatioYear) -> [JSONValue] {
        let number = { (value: Int64?) in value.map(JSONValue.integer) ?? .null }
        return [
            .integer(Int64(ratio.year)), .string(ratio.currency.code), .bool(ratio.complete), .integer(ratio.income),
            number(ratio.priorIncome), number(ratio.averagePriorIncome), .integer(ratio.charitable),
            .integer(ratio.administrative), .integer(ratio.fundraising), .integer(ratio.totalSpending), number(ratio.netAssets),
            number(ratio.spendingOfPriorIncomeBP), number(ratio.spendingOfNetAssetsBP), number(ratio.adminOfSpendingBP),
            number(ratio.minSpendingOfPriorIncomeBP), number(ratio.minSpendingOfNetAssetsBP), number(ratio.maxAdminOfSpendingBP),
            number(ratio.adminFloor), .bool(ratio.unconfirmed), .string(ratio.spendingTest.rawValue),
            .string(ratio.spending.rawValue), .string(ratio.adminTest.rawValue), .string(ratio.admin.rawValue),
            .array(ratio.notes.map(JSONValue.string)),
        ]
    }

    /// `{"checkpoint", "rule_set", "year": Y | null, "years": [{…columns…}]}`; money in
    /// minor units, ratios and thresholds in basis points, null where not applicable.
    public var json: JSONValue {
        .object([
            "checkpoint": checkpoint.json, "rule_set": .string(ruleSet),
            "year": year.map { .integer(Int64($0)) } ?? .null,
            "years": .array(years.map(RatiosExport.yearJSON)),
        ])
    }

    /// One year: `{<column>: value, …}`.
    static func yearJSON(_ ratio: RatioYear) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: zip(RatiosExport.columns, RatiosExport.values(ratio))))
    }

    /// The canonical JSON document and a newline.
    public var jsonText: String {
        String(decoding: CanonicalJSON.encode(json), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV: `columns`, `rule_set` and the checkpoint columns; null is an empty field,
    /// booleans `true`/`false`, notes joined by "; ".
    public var csvText: String {
        var writer = CSVWriter(header: RatiosExport.columns + ["rule_set"] + SummaryExport.checkpointColumns)
        let bound = SummaryExport.checkpointFields(checkpoint)
        for ratio in years { writer.append(RatiosExport.csvFields(ratio) + [ruleSet] + bound) }
        return writer.text
    }

    /// A year's `columns` as CSV fields.
    static func csvFields(_ ratio: RatioYear) -> [String] {
        RatiosExport.values(ratio).map { value -> String in
            switch value {
            case .null: return ""
            case .bool(let flag): return flag ? "true" : "false"
            case .integer(let number): return String(number)
            case .string(let text): return text
            case .array(let items):
                return items.compactMap { if case .string(let text) = $0 { return text } else { return nil } }.joined(separator: "; ")
            case .object: return ""
            }
        }
    }
}
