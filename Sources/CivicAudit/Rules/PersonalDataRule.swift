import CivicLedger

/// STD-PII: no text of an entry holds a resident identity number, a mobile number or an
/// e-mail address — the public log carries pseudonymous references only. Every string the
/// writer supplied is scanned, ids and references included, except the verifier key and
/// the commitment, which are base64 and hex by construction.
public struct PersonalDataRule: Rule {
    public static let ruleID = "STD-PII"
    static let exemptFields: Set<String> = ["vkey", "commitment", "sig"]
    public let info: RuleInfo

    public init(info: RuleInfo) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        // Most entries hold neither an '@' nor 11 digits in a row anywhere: nothing to find.
        guard PersonalDataScanner.mightHoldPersonalData(entry.canonicalBytes()) else { return [] }
        var problems: [String] = []
        scan(entry.body.writerJSON(), path: "", into: &problems)
        return problems
    }

    private func scan(_ value: JSONValue, path: String, into problems: inout [String]) {
        switch value {
        case .string(let text):
            if let kind = PersonalDataScanner.problem(in: text) {
                problems.append("\(path.isEmpty ? "a field" : path) holds \(kind); keep personal data in the private donor store")
            }
        case .object(let fields):
            for key in fields.keys.sorted() where !PersonalDataRule.exemptFields.contains(key) {
                scan(fields[key]!, path: path.isEmpty ? key : path + "." + key, into: &problems)
            }
        case .array(let items):
            for (index, item) in items.enumerated() { scan(item, path: "\(path)[\(index)]", into: &problems) }
        case .null, .bool, .integer:
            break
        }
    }
}
