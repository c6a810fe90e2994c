import CivicLedger

/// A rule set as data (Ledger/rules/*.json): for each rule its id, severity, source and
/// parameters. A regulator changes a threshold by editing the file, not the code.
public struct RuleSet: Sendable {
    public struct Entry: Sendable {
        public let id: String
        public let severity: Severity
        public let source: String
        public let params: [String: JSONValue]

        public var info: RuleInfo { RuleInfo(id: id, source: source, severity: severity) }
    }

    public let name: String
    public let entries: [Entry]

    public init(json bytes: [UInt8], name source: String) throws {
        let value: JSONValue
        do { value = try CanonicalJSON.parse(bytes) } catch let error as LedgerError {
            throw LedgerError(.usage, "rule set \(source): \(error.message)")
        }
        guard case .object(let top) = value, case .string(let name)? = top["name"],
              case .array(let rules)? = top["rules"] else {
            throw LedgerError(.usage, "rule set \(source): needs \"name\" and a \"rules\" array")
        }
        self.name = name
        self.entries = try rules.enumerated().map { try RuleSet.entry($0.element, position: $0.offset, source: source) }
    }

    private static func entry(_ value: JSONValue, position: Int, source: String) throws -> Entry {
        guard case .object(let fields) = value, case .string(let id)? = fields["id"],
              case .string(let severityText)? = fields["severity"], let severity = Severity(rawValue: severityText),
              case .string(let origin)? = fields["source"] else {
            throw LedgerError(.usage, "rule set \(source): rule \(position + 1) needs an id, a severity (info, warning, error) and a source")
        }
        var params: [String: JSONValue] = [:]
        if case .object(let object)? = fields["params"] { params = object }
        return Entry(id: id, severity: severity, source: origin, params: params)
    }

    public func rule(_ id: String) -> Entry? {
        entries.first { $0.id == id }
    }

    /// An integer parameter of a rule, or a clear error naming the rule set and rule.
    public func integer(_ id: String, _ parameter: String) throws -> Int64 {
        guard case .integer(let value)? = rule(id)?.params[parameter] else {
            throw LedgerError(.usage, "rule set \(name): rule \(id) needs the integer parameter \(parameter)")
        }
        return value
    }

    /// A money parameter {"value", "currency"} of a rule.
    public func money(_ id: String, _ parameter: String) throws -> Money {
        guard case .object(let fields)? = rule(id)?.params[parameter], case .integer(let value)? = fields["value"],
              case .string(let code)? = fields["currency"] else {
            throw LedgerError(.usage, "rule set \(name): rule \(id) needs the money parameter \(parameter)")
        }
        return try Money(value: value, currency: try Currency.named(code))
    }

    public func strings(_ id: String, _ parameter: String) throws -> [String] {
        guard case .array(let values)? = rule(id)?.params[parameter] else {
            throw LedgerError(.usage, "rule set \(name): rule \(id) needs the list parameter \(parameter)")
        }
        return try values.map {
            guard case .string(let text) = $0 else { throw LedgerError(.usage, "rule set \(name): \(id).\(parameter) holds a non-string") }
            return text
        }
    }
}
