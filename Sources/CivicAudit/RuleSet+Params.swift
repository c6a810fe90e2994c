import CivicLedger

extension RuleSet {
    /// A list of money parameters [{"value", "currency"}, …] of a rule.
    public func moneyList(_ id: String, _ parameter: String) throws -> [Money] {
        guard case .array(let values)? = rule(id)?.params[parameter] else {
            throw LedgerError(.usage, "rule set \(name): rule \(id) needs the list of money parameters \(parameter)")
        }
        return try values.map { try money(from: $0, "\(id).\(parameter)") }
    }

    /// A money value {"value", "currency"}, named `what` in errors.
    func money(from value: JSONValue, _ what: String) throws -> Money {
        guard case .object(let fields) = value, case .integer(let amount)? = fields["value"],
              case .string(let code)? = fields["currency"] else {
            throw LedgerError(.usage, "rule set \(name): \(what) needs {\"value\": minor units, \"currency\": code}")
        }
        do { return try Money(value: amount, currency: try Currency.named(code)) } catch let error as LedgerError {
            throw LedgerError(.usage, "rule set \(name): \(what): \(error.message)")
        }
    }

    /// A boolean parameter of a rule.
    public func bool(_ id: String, _ parameter: String) throws -> Bool {
        guard case .bool(let value)? = rule(id)?.params[parameter] else {
            throw LedgerError(.usage, "rule set \(name): rule \(id) needs the boolean parameter \(parameter)")
        }
        return value
    }

    /// A parameter holding an array of objects (tables such as the ratio bands).
    func objects(_ id: String, _ parameter: String) throws -> [[String: JSONValue]] {
        guard case .array(let values)? = rule(id)?.params[parameter] else {
            throw LedgerError(.usage, "rule set \(name): rule \(id) needs the table parameter \(parameter)")
        }
        return try values.enumerated().map {
            guard case .object(let fields) = $0.element else {
                throw LedgerError(.usage, "rule set \(name): \(id).\(parameter)[\($0.offset)] is not an object")
            }
            return fields
        }
    }
}
