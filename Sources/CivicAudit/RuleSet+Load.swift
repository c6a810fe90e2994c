import CivicLedger

extension RuleSet {
    /// The default rule set: the Chinese charity rules.
    public static let defaultName = "cn-charity"

    /// A shipped rule set by name (`cn-charity`), from the copy embedded at build time.
    public static func shipped(_ name: String) throws -> RuleSet {
        guard let bytes = EmbeddedRuleSets.files[name] else {
            let known = EmbeddedRuleSets.files.keys.sorted().joined(separator: ", ")
            throw LedgerError(.usage, "no shipped rule set named \(name) (known: \(known)); pass a file with --rules")
        }
        return try RuleSet(json: bytes, name: "Ledger/rules/\(name).json")
    }
}
