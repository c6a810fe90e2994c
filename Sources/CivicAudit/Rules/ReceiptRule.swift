import CivicLedger

/// STD-RECEIPT: a donation's receipt number is used once within its series. (That every
/// donation carries a receipt or a declined marker is part of the schema.)
public struct ReceiptRule: Rule {
    public static let ruleID = "STD-RECEIPT"
    public let info: RuleInfo

    public init(info: RuleInfo) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        guard case .donation(let donation) = entry.body.payload, case .issued(let series, let number) = donation.receipt,
              context.book.receipts[series]?.contains(number) == true else { return [] }
        return ["receipt \(series) \(number) was already issued"]
    }
}
