import CivicLedger

/// What a rule set may say: the rule ids civic knows and, for each, its parameters and
/// their kinds. A rule set naming anything else is refused, so a misspelt id or parameter
/// cannot silently switch a rule off or leave a threshold at nothing.
enum RuleSchema {
    enum Kind {
        /// An integer within the range (counts, days, basis points).
        case integer(ClosedRange<Int64>)
        /// {"value": minor units > 0, "currency": code}.
        case money
        case moneyList
        case strings
        /// A list of objects checked by the rule that reads it (LAW-RATIO rows).
        case table
    }

    static let basisPoints: Kind = .integer(0...10_000)

    /// Every rule id with its parameters.
    static let rules: [String: [String: Kind]] = [
        "STD-AMOUNT": ["amount_max_minor_units": .integer(1...Money.valueMax)],
        "STD-IDEMP": [:],
        "STD-RECEIPT": ["gaps_listed_max": .integer(0...100_000)],
        "STD-REVERSAL": [:],
        "STD-FUND-BAL": [:],
        "STD-RESTRICT": ["transfer_out_authorities": .strings],
        "STD-PII": [:],
        "STD-USCC": [:],
        "STD-REGION": ["province_codes": .strings],
        "STD-KIND-INKIND": ["description_min_characters": .integer(0...500)],
        "LAW-RATIO": ["admin_floor": .money, "average_years": .integer(1...10), "rows": .table],
        "MKT-ANNUITY": ["employer_max_bp": basisPoints, "total_max_bp": basisPoints],
        "MKT-PLEDGE": [:],
        "MKT-IPENSION": ["cap": .money],
        "AML-CASH": ["thresholds": .moneyList],
        "AML-SPLIT": ["thresholds": .moneyList],
        "DIS-CHECKPOINT": ["period_months": .integer(1...120), "emergency_period_days": .integer(1...3_660),
                           "emergency_funds": .strings],
        "DIS-ANNUAL": ["due_month": .integer(1...12), "due_day": .integer(1...31)],
        "INT-TIME": ["future_tolerance_seconds": .integer(0...86_400)],
        "US-ACK250": ["threshold": .money],
        "US-QPQ75": ["threshold": .money],
        "US-SCHB": ["threshold": .money],
    ]

    static let topLevelKeys: Set<String> = ["name", "version", "description", "rules"]
    static let ruleKeys: Set<String> = ["id", "severity", "source", "checks", "params"]

    /// Why `value` is not a parameter of `kind`, or nil. Money is checked further when the
    /// rule is built (currency code, positive amount).
    static func problem(_ value: JSONValue, _ kind: Kind) -> String? {
        switch (kind, value) {
        case (.integer(let range), .integer(let number)):
            return range.contains(number) ? nil : "must be an integer \(range.lowerBound)…\(range.upperBound)"
        case (.integer(let range), _):
            return "must be an integer \(range.lowerBound)…\(range.upperBound), not \(value.typeName)"
        case (.money, .object), (.moneyList, .array), (.table, .array):
            return nil
        case (.strings, .array(let items)):
            return items.allSatisfy { if case .string = $0 { true } else { false } } ? nil : "must be a list of strings"
        case (.money, _): return "must be {\"value\": minor units, \"currency\": code}"
        case (.moneyList, _): return "must be a list of {\"value\", \"currency\"}"
        case (.strings, _): return "must be a list of strings"
        case (.table, _): return "must be a list of objects"
        }
    }
}
