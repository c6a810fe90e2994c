import CivicLedger

extension RuleCatalogue {
    /// Entry rules the audit runs besides `entryRules`: their findings are warnings or
    /// facts, so they never block a write.
    public static func auditEntryRules(_ set: RuleSet) throws -> [any Rule] {
        var rules: [any Rule] = []
        if let rule = set.rule(CreditCodeRule.ruleID) {
            rules.append(CreditCodeRule(info: rule.info))
        }
        if let rule = set.rule(RegionCodeRule.ruleID) {
            rules.append(RegionCodeRule(info: rule.info, provinceCodes: try set.strings(rule.id, "province_codes")))
        }
        if let rule = set.rule(InKindRule.ruleID) {
            rules.append(InKindRule(info: rule.info, descriptionMinCharacters: try set.integer(rule.id, "description_min_characters")))
        }
        if let rule = set.rule(AcknowledgmentRule.ruleID) {
            rules.append(AcknowledgmentRule(info: rule.info, threshold: try set.money(rule.id, "threshold")))
        }
        return rules
    }

    /// The rules judged over periods (years, party-days), fresh for one audit pass.
    public static func periodRules(_ set: RuleSet) throws -> [any PeriodRule] {
        var rules: [any PeriodRule] = []
        if let rule = set.rule(CharityRatioRule.ruleID) {
            rules.append(CharityRatioRule(info: rule.info, table: try RatioTable(set)))
        }
        if let rule = set.rule(AnnuityRule.ruleID) {
            rules.append(AnnuityRule(info: rule.info, employerMaxBP: try set.integer(rule.id, "employer_max_bp"),
                                     totalMaxBP: try set.integer(rule.id, "total_max_bp")))
        }
        if let rule = set.rule(PledgeRule.ruleID) {
            rules.append(PledgeRule(info: rule.info))
        }
        if let rule = set.rule(LargeCashRule.ruleID) {
            rules.append(LargeCashRule(info: rule.info, thresholds: try set.moneyList(rule.id, "thresholds")))
        }
        if let rule = set.rule(SplitCashRule.ruleID) {
            rules.append(SplitCashRule(info: rule.info, thresholds: try set.moneyList(rule.id, "thresholds")))
        }
        if let rule = set.rule(ReceiptGapRule.ruleID) {
            rules.append(ReceiptGapRule(info: rule.info, listedMax: try set.integer(rule.id, "gaps_listed_max")))
        }
        if let rule = set.rule(CheckpointDelayRule.ruleID) {
            rules.append(CheckpointDelayRule(info: rule.info, periodMonths: try set.integer(rule.id, "period_months"),
                                             emergencyPeriodDays: try set.integer(rule.id, "emergency_period_days"),
                                             emergencyFunds: try set.strings(rule.id, "emergency_funds")))
        }
        if let rule = set.rule(AnnualReportRule.ruleID) {
            rules.append(AnnualReportRule(info: rule.info, dueMonth: try set.integer(rule.id, "due_month"),
                                          dueDay: try set.integer(rule.id, "due_day")))
        }
        if let rule = set.rule(QuidProQuoRule.ruleID) {
            rules.append(QuidProQuoRule(info: rule.info, threshold: try set.money(rule.id, "threshold")))
        }
        if let rule = set.rule(ScheduleBRule.ruleID) {
            rules.append(ScheduleBRule(info: rule.info, threshold: try set.money(rule.id, "threshold")))
        }
        return rules
    }
}
