import CivicLedger

/// The running state the rules need, built entry by entry: funds and their balances per
/// currency, receipt numbers per series, individual-pension totals per participant and
/// year, and the entries already reversed. Its size is bounded by funds, series, parties
/// and reversals, never by the number of entries.
public struct Book: Equatable, Sendable {
    public struct FundState: Equatable, Sendable {
        public let restriction: Payload.Fund.Restriction
        public let purpose: ProgrammeCategory?
        public var balances: [String: Int64]
    }

    /// One movement of money into (+) or out of (−) a fund.
    public struct Movement: Equatable, Sendable {
        public let fund: String
        public let currency: Currency
        public let delta: Int64
    }

    public var funds: [String: FundState] = [:]
    public var receipts: [String: ReceiptNumbers] = [:]
    /// Individual-pension contributions, keyed "participant|year", in minor units.
    public var pensionTotals: [String: Int64] = [:]
    public var reversed: Set<UInt64> = []
    /// Entries taken into account: the seq the next entry must have.
    public var size: UInt64 = 0

    public init() {}

    /// The money an entry moves between funds. A reversal moves its target's money back.
    public static func movements(of entry: Entry, target: Entry?) -> [Movement] {
        switch entry.body.payload {
        case .donation(let donation):
            return [Movement(fund: donation.fund, currency: donation.amount.currency, delta: donation.amount.value)]
        case .contribution(let contribution):
            guard let fund = contribution.fund else { return [] }
            return [Movement(fund: fund, currency: contribution.amount.currency, delta: contribution.amount.value)]
        case .disbursement(let disbursement):
            return [Movement(fund: disbursement.fund, currency: disbursement.amount.currency, delta: -disbursement.amount.value)]
        case .transfer(let transfer):
            let code = transfer.amount.currency
            return [Movement(fund: transfer.from, currency: code, delta: -transfer.amount.value),
                    Movement(fund: transfer.to, currency: code, delta: transfer.amount.value)]
        case .reversal:
            guard let target, target.body.kind != .reversal else { return [] }
            return movements(of: target, target: nil).map { Movement(fund: $0.fund, currency: $0.currency, delta: -$0.delta) }
        case .genesis, .fund, .key, .backfill:
            return []
        }
    }

    /// Balances after `movements`, or the first problem: an unknown fund, a balance below
    /// zero, or a balance that would leave ±(2^53−1) (the one overflow policy, `Money.sum`).
    /// Money out is applied after money in, as one entry.
    public func balanceProblem(_ movements: [Movement]) -> String? {
        var balances: [String: Int64] = [:]
        for movement in movements.sorted(by: { $0.delta > $1.delta }) {
            guard let fund = funds[movement.fund] else { return "fund \(movement.fund) has not been opened" }
            let key = movement.fund + "|" + movement.currency.code
            let current = balances[key] ?? fund.balances[movement.currency.code] ?? 0
            guard let sum = try? Money.sum(current, movement.delta) else {
                // Absence is the answer here: the error is the problem reported.
                return "the balance of fund \(movement.fund) in \(movement.currency.code) would leave the range ±\(Money.valueMax) (2^53−1)"
            }
            guard sum >= 0 else {
                let have = Book.format(current, movement.currency)
                return "fund \(movement.fund) holds \(have) and cannot pay out \(Book.format(-movement.delta, movement.currency))"
            }
            balances[key] = sum
        }
        return nil
    }

    /// A minor-unit count as a decimal amount with its code, for messages.
    public static func format(_ value: Int64, _ currency: Currency) -> String {
        Money.decimalText(value, currency) + " " + currency.code
    }
}
