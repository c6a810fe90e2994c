import CivicLedger

/// STD-REVERSAL: a reversal names an earlier donation, contribution, disbursement or
/// transfer, no entry is reversed twice, and undoing it may not drive a fund below zero.
public struct ReversalRule: Rule {
    public static let ruleID = "STD-REVERSAL"
    public static let reversibleKinds: Set<EntryKind> = [.donation, .contribution, .disbursement, .transfer]
    public let info: RuleInfo

    public init(info: RuleInfo) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        guard case .reversal(let reversal) = entry.body.payload else { return [] }
        guard reversal.target < entry.seq, let target = context.entry(reversal.target) else {
            return ["the reversal names seq \(reversal.target), which is not an earlier entry"]
        }
        guard ReversalRule.reversibleKinds.contains(target.body.kind) else {
            return ["seq \(reversal.target) is a \(target.body.kind.rawValue), which cannot be reversed"]
        }
        guard !context.book.reversed.contains(reversal.target) else {
            return ["seq \(reversal.target) (id \(target.body.id)) was already reversed"]
        }
        let movements = Book.movements(of: entry, target: target)
        return context.book.balanceProblem(movements).map { ["undoing seq \(reversal.target): \($0)"] } ?? []
    }
}
