import CivicLedger

/// STD-RESTRICT: a restricted fund pays out only for its purpose, and money leaves it by
/// transfer only under an authority the rule set accepts (donor consent or a filing).
public struct RestrictionRule: Rule {
    public static let ruleID = "STD-RESTRICT"
    public let info: RuleInfo
    public let transferOutAuthorities: [String]

    public init(info: RuleInfo, transferOutAuthorities: [String]) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.transferOutAuthorities = transferOutAuthorities
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        switch entry.body.payload {
        case .disbursement(let disbursement):
            guard let fund = context.book.funds[disbursement.fund], fund.restriction == .restricted,
                  let purpose = fund.purpose, purpose != disbursement.category else { return [] }
            return ["fund \(disbursement.fund) is restricted to \(purpose.rawValue); it cannot pay for \(disbursement.category.rawValue)"]
        case .transfer(let transfer):
            guard let fund = context.book.funds[transfer.from], fund.restriction == .restricted,
                  !transferOutAuthorities.contains(transfer.authority.type.rawValue) else { return [] }
            let allowed = transferOutAuthorities.joined(separator: " or ")
            return ["money leaves restricted fund \(transfer.from) only with \(allowed) as authority, not \(transfer.authority.type.rawValue)"]
        default:
            return []
        }
    }
}
