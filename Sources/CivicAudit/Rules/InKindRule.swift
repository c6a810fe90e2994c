import CivicLedger

/// STD-KIND-INKIND: an in-kind donation describes the goods and states their valuation,
/// and the amount recorded is that valuation (same currency and value). The schema makes
/// `in_kind` present; this rule checks that it says something: a description of at least
/// the rule set's number of characters. The valuation basis (invoice, market price,
/// appraisal) has no field in format v1, so the description should name it.
public struct InKindRule: Rule {
    public static let ruleID = "STD-KIND-INKIND"
    public let info: RuleInfo
    public let descriptionMinCharacters: Int64

    public init(info: RuleInfo, descriptionMinCharacters: Int64) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.descriptionMinCharacters = descriptionMinCharacters
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        guard case .donation(let donation) = entry.body.payload, donation.form == .inKind else { return [] }
        guard let inKind = donation.inKind else { return ["an in-kind donation states no description and valuation"] }
        var problems: [String] = []
        if inKind.description.unicodeScalars.count < descriptionMinCharacters {
            problems.append("the in-kind description \"\(inKind.description)\" is shorter than \(descriptionMinCharacters) characters")
        }
        if inKind.valuation != donation.amount {
            problems.append("the amount \(donation.amount) differs from the stated valuation \(inKind.valuation)")
        }
        return problems
    }
}
