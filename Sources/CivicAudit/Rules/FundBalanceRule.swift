import CivicLedger

/// STD-FUND-BAL: a fund is opened once, before money moves through it, and no fund's
/// balance per currency goes below zero. Reversals are judged by STD-REVERSAL.
public struct FundBalanceRule: Rule {
    public static let ruleID = "STD-FUND-BAL"
    public let id = FundBalanceRule.ruleID
    public let source: String
    public let severity: Severity

    public init(source: String, severity: Severity) {
        self.source = source
        self.severity = severity
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
