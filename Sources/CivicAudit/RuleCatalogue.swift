import CivicLedger

/// Builds the rules a rule set switches on, with the severities, sources and thresholds
/// its data gives. A rule the set does not list is not run.
public enum RuleCatalogue {
    /// The rules checked for every new entry before it is written (and re-run by the audit).
    public static func entryRules(_ set: RuleSet) throws -> [any Rule] {
        var rules: [any Rule] = []
        if let rule = set.rule(AmountRule.ruleID) {
            rules.append(AmountRule(info: rule.info, maxMinorUnits: try set.integer(rule.id, "amount_max_minor_units")))
        }
        if let rule = set.rule(FundBalanceRule.ruleID) {
            rules.append(FundBalanceRule(info: rule.info))
        }
        if let rule = set.rule(RestrictionRule.ruleID) {
            rules.append(RestrictionRule(info: rule.info,
                                         transferOutAuthorities: try set.strings(rule.id, "transfer_out_authorities")))
        }
        if let rule = set.rule(ReversalRule.ruleID) {
            rules.append(ReversalRule(info: rule.info))
        }
        if let rule = set.rule(ReceiptRule.ruleID) {
            rules.append(ReceiptRule(info: rule.info))
        }
        if let rule = set.rule(PensionCapRule.ruleID) {
            rules.append(PensionCapRule(info: rule.info, cap: try set.money(rule.id, "cap")))
        }
        if let rule = set.rule(PersonalDataRule.ruleID) {
            rules.append(PersonalDataRule(info: rule.info))
        }
        return rules
    }
}
