import CivicLedger

/// US-ACK250: a gift of the rule set's threshold or more (USD 250 in us-990) has a written
/// acknowledgment — in the ledger, an issued receipt number, not a declined marker.
/// Gifts in another currency than the threshold's are not judged.
public struct AcknowledgmentRule: Rule {
    public static let ruleID = "US-ACK250"
    public let info: RuleInfo
    public let threshold: Money

    public init(info: RuleInfo, threshold: Money) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.threshold = threshold
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        guard case .donation(let donation) = entry.body.payload, donation.receipt == .declined,
              donation.amount.currency == threshold.currency, donation.amount.value >= threshold.value else { return [] }
        return ["a gift of \(donation.amount) (at least \(threshold)) needs a written acknowledgment; the receipt was declined"]
    }
}
