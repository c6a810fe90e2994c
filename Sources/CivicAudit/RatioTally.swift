import CivicLedger

/// The per-year sums the charity-law ratios need, taken from the log in one pass (memory
/// bounded by the number of years). Per calendar year of the value date, in the ledger's
/// base currency (the genesis `currency`):
/// - income: donations plus contributions with mechanism `charity`;
/// - charitable, administrative, fundraising: disbursements by `expense`;
/// a reversal subtracts its target's amount from the target's year. Entries in another
/// currency are counted, not summed.
public struct RatioTally: Equatable, Sendable {
    public struct Year: Equatable, Sendable {
        public var income: Int64 = 0
        public var charitable: Int64 = 0
        public var administrative: Int64 = 0
        public var fundraising: Int64 = 0
        /// Income and spending entries in another currency than the ledger's, not summed.
        public var otherCurrencyEntries: Int = 0
        /// Charitable plus administrative plus fundraising spending.
        public var spending: Int64 = 0
        /// Set once a sum of the year left ±(2^53−1) (`Money.sum`): from then on the year's
        /// sums are not added to and must not be judged or printed.
        public var overflow: TallyOverflow?
    }

    /// From the genesis entry.
    public private(set) var organization: Payload.Genesis.Organization?
    public private(set) var currency: Currency?
    /// The earliest value-date year of any entry: years before it are outside the ledger.
    public private(set) var firstYear: Int?
    /// The latest value-date year of any entry.
    public private(set) var lastYear: Int?
    public private(set) var years: [Int: Year] = [:]
    private var reversed: Set<UInt64> = []

    public init() {}

    /// Takes `entry` into the sums; `target` is a reversal's target entry (nil otherwise).
    public mutating func observe(_ entry: Entry, target: Entry?) {
        let year = entry.valueYear
        firstYear = min(firstYear ?? year, year)
        lastYear = max(lastYear ?? year, year)
        switch entry.body.payload {
        case .genesis(let genesis):
            organization = genesis.org
            currency = genesis.currency
        case .reversal:
            if let target = ReversalNetting.cancelledTarget(of: entry, target: target, reversed: reversed) {
                reversed.insert(target.seq)
                add(target, sign: -1, seq: entry.seq)
            }
        default:
            add(entry, sign: 1, seq: entry.seq)
        }
    }

    private mutating func add(_ entry: Entry, sign: Int64, seq: UInt64) {
        let amount: Money
        let sum: WritableKeyPath<Year, Int64>
        switch entry.body.payload {
        case .donation(let donation):
            amount = donation.amount
            sum = \.income
        case .contribution(let contribution) where contribution.mechanism == .charity:
            amount = contribution.amount
            sum = \.income
        case .disbursement(let disbursement):
            amount = disbursement.amount
            switch disbursement.expense {
            case .charitable: sum = \.charitable
            case .administrative: sum = \.administrative
            case .fundraising: sum = \.fundraising
            }
        default:
            return
        }
        let year = entry.valueYear
        guard amount.currency == currency else {
            if sign > 0 { years[year, default: Year()].otherCurrencyEntries += 1 }
            return
        }
        // `seq` is the entry whose amount is added (a reversal's own seq for a reversal).
        years[year, default: Year()].add(sign * amount.value, to: sum, seq: seq)
    }

    /// The sums of `year` (zeros for a year with no entries).
    public func year(_ year: Int) -> Year {
        years[year] ?? Year()
    }
}

extension RatioTally.Year {
    /// Adds `value` to one sum (and to `spending` for a disbursement) under the one overflow
    /// policy; the first sum to leave ±(2^53−1) marks the year and stops its sums.
    mutating func add(_ value: Int64, to sum: WritableKeyPath<Self, Int64>, seq: UInt64) {
        guard overflow == nil else { return }
        do {
            let part = try Money.sum(self[keyPath: sum], value)
            let total = sum == \.income ? spending : try Money.sum(spending, value)
            self[keyPath: sum] = part
            spending = total
        } catch {
            overflow = TallyOverflow(seq: seq)
        }
    }
}
