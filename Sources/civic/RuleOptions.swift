import ArgumentParser
import CivicAudit
import CivicLedger

/// `--rules`: the rule set checked at write time (and by the audit).
struct RuleOptions: ParsableArguments {
    @Option(help: "Rule set: a shipped name (cn-charity) or a JSON file (Ledger/rules/*.json format).")
    var rules: String = RuleSet.defaultName

    func load() throws -> RuleSet {
        if rules.hasSuffix(".json") || rules.contains("/") {
            return try RuleSet(json: try InputFile.read(rules, limit: 1 << 20), name: rules)
        }
        return try RuleSet.shipped(rules)
    }
}
