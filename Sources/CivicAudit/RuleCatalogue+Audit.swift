import CivicLedger

extension RuleCatalogue {
    /// Entry rules that only report (warnings, info): run by the audit, not at write time.
    public static func auditEntryRules(_ set: RuleSet) throws -> [any Rule] {
        []
    }

    /// The rules judged over periods (years, days, parties).
    public static func periodRules(_ set: RuleSet) throws -> [any PeriodRule] {
        []
    }
}
