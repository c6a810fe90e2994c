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
        try RuleSet.refuseUnknownKeys(top, allowed: RuleSchema.topLevelKeys, place: "rule set \(source): top level")
        self.name = name
        self.entries = try rules.enumerated().map { try RuleSet.entry($0.element, position: $0.offset, source: source) }
        var seen: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            if let first = seen[entry.id] {
                throw LedgerError(.usage, "rule set \(source): rules[\(position)] repeats rule \(entry.id) of rules[\(first)]")
            }
            seen[entry.id] = position
        }
        // Build every rule now, so a missing or malformed parameter is refused at load,
        // not only by the first command that runs that rule.
        _ = try RuleCatalogue.entryRules(self)
        _ = try RuleCatalogue.auditEntryRules(self)
        _ = try RuleCatalogue.periodRules(self)
    }

    private static func entry(_ value: JSONValue, position: Int, source: String) throws -> Entry {
        let place = "rule set \(source): rules[\(position)]"
        guard case .object(let fields) = value, case .string(let id)? = fields["id"],
              case .string(let severityText)? = fields["severity"], let severity = Severity(rawValue: severityText),
              case .string(let origin)? = fields["source"] else {
            throw LedgerError(.usage, "\(place) needs an id, a severity (info, warning, error) and a source")
        }
        try refuseUnknownKeys(fields, allowed: RuleSchema.ruleKeys, place: place)
        guard let schema = RuleSchema.rules[id] else {
            let known = RuleSchema.rules.keys.sorted().joined(separator: ", ")
            throw LedgerError(.usage, "\(place): unknown rule id \"\(PersonalData.quotableName(id))\" (known: \(known))")
        }
        if let checks = fields["checks"] {
            guard case .string = checks else { throw LedgerError(.usage, "\(place) (\(id)): \"checks\" must be a string") }
        }
        var params: [String: JSONValue] = [:]
        switch fields["params"] {
        case nil: break
        case .object(let object)?: params = object
        case let other?: throw LedgerError(.usage, "\(place) (\(id)): \"params\" must be an object, not \(other.typeName)")
        }
        try refuseUnknownKeys(params, allowed: Set(schema.keys), place: "\(place) (\(id)) params")
        for key in params.keys.sorted() {
            if let problem = RuleSchema.problem(params[key]!, schema[key]!) {
                throw LedgerError(.usage, "\(place) (\(id)): \(key) \(problem)")
            }
        }
        return Entry(id: id, severity: severity, source: origin, params: params)
    }

    private static func refuseUnknownKeys(_ fields: [String: JSONValue], allowed: Set<String>, place: String) throws {
        guard let unknown = fields.keys.filter({ !allowed.contains($0) }).sorted().first else { return }
        let known = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
        throw LedgerError(.usage, "\(place): unknown key \"\(PersonalData.quotableName(unknown))\" (allowed: \(known))")
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
        guard let value = rule(id)?.params[parameter] else {
            throw LedgerError(.usage, "rule set \(name): rule \(id) needs the money parameter \(parameter)")
        }
        return try money(from: value, "\(id).\(parameter)")
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
