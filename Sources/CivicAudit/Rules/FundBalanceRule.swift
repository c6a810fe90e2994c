import CivicLedger

/// STD-FUND-BAL: a fund is opened once, before money moves through it, and no fund's
/// balance per currency goes below zero. Reversals are judged by STD-REVERSAL.
public struct FundBalanceRule: Rule {
    public static let ruleID = "STD-FUND-BAL"
    public let info: RuleInfo

    public init(info: RuleInfo) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        switch entry.body.payload {
        case .fund(let fund):
            return context.book.funds[fund.code] == nil ? [] : ["fund \(fund.code) is already open"]
        case .transfer(let transfer) where transfer.from == transfer.to:
            return ["a transfer from fund \(transfer.from) to itself moves nothing"]
        case .reversal:
            return []
        default:
            return context.book.balanceProblem(Book.movements(of: entry, target: nil)).map { [$0] } ?? []
        }
    }
}
