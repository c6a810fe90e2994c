import CivicLedger

/// Counts, totals and distinct parties of the money entries (donation, contribution,
/// disbursement, transfer) whose value date lies in `period`, grouped by the dimensions
/// `by` and by currency, taken from the log in one pass.
///
/// Netting: a `reversal` is not a row itself; it takes its target out of the target's own
/// row (count −1, total −amount, the target's party no longer counted for it), when the
/// target's value date lies in the period, whatever the reversal's own date. Rows whose
/// count nets to zero are left out. A party is a donor or contributor `ref`; anonymous
/// donations, disbursements and transfers have none. Memory: the rows, the distinct parties
/// of each row, the fund codes and the seqs already reversed.
public struct SummaryTable: Sendable {
    /// One group: `values` holds the value of each dimension of `by` (nil: the entries have none).
    public struct Row: Equatable, Sendable {
        public let values: [String?]
        public let currency: Currency
        public let count: Int64
        /// Integer minor units of `currency`.
        public let total: Int64
        /// Distinct donor and contributor refs.
        public let parties: Int64
    }

    private struct Key: Hashable, Sendable {
        let values: [String?]
        let currency: Currency
    }

    private struct Cell: Sendable {
        var count: Int64 = 0
        var total: Int64 = 0
        /// Net entries per party ref; a party leaves when its count nets to zero.
        var parties: [String: Int64] = [:]
    }

    public let by: [SummaryDimension]
    public let period: SummaryPeriod
    private var cells: [Key: Cell] = [:]
    private var restrictions: [String: Payload.Fund.Restriction] = [:]
    private var reversed: Set<UInt64> = []
    /// The ledger's origin, from its genesis (the `org` dimension).
    private var origin: String?

    public init(by: [SummaryDimension], period: SummaryPeriod) {
        self.by = by
        self.period = period
    }

    /// Takes `entry` (in log order) into the table; `target` is a reversal's target entry.
    /// Throws when a row's total would leave the range JSON carries exactly (±2^53−1).
    public mutating func observe(_ entry: Entry, target: Entry?) throws {
        switch entry.body.payload {
        case .fund(let fund):
            restrictions[fund.code] = fund.restriction
        case .donation, .contribution, .disbursement, .transfer:
            if period.contains(entry.body.date) { try add(entry, sign: 1) }
        case .reversal:
            guard let target = ReversalNetting.cancelledTarget(of: entry, target: target, reversed: reversed),
                  target.body.payload.amount != nil else { return }
            reversed.insert(target.seq)
            if period.contains(target.body.date) { try add(target, sign: -1) }
        case .genesis(let genesis):
            origin = genesis.origin
        case .key, .backfill:
            return
        }
    }

    private mutating func add(_ entry: Entry, sign: Int64) throws {
        guard let amount = entry.body.payload.amount else { return }
        let key = Key(values: by.map { $0.value(of: entry, restrictions: restrictions, origin: origin) }, currency: amount.currency)
        // sign is ±1 and amounts are at most 2^53−1: neither the count nor the product can overflow.
        let total: Int64
        do { total = try Money.sum(cells[key]?.total ?? 0, sign * amount.value) } catch let error as LedgerError {
            throw LedgerError(error.code, "seq \(entry.seq): \(amount.currency.code): \(error.message)")
        }
        // Changed in place: a copy of the cell taken out and stored back would copy its
        // party dictionary on every entry (copy on write), O(parties of the row) each time.
        SummaryTable.take(&cells[key, default: Cell()], sign: sign, total: total, party: SummaryTable.party(entry.body.payload))
    }

    private static func take(_ cell: inout Cell, sign: Int64, total: Int64, party: String?) {
        cell.count += sign
        cell.total = total
        if let party {
            let net = cell.parties[party, default: 0] + sign
            cell.parties[party] = net == 0 ? nil : net
        }
    }

    /// The donor or contributor ref of a money entry; nil for anonymous donations and
    /// for disbursements and transfers.
    private static func party(_ payload: Payload) -> String? {
        switch payload {
        case .donation(let donation):
            if case .party(let party) = donation.donor { return party.ref }
            return nil
        case .contribution(let contribution):
            return contribution.contributor.ref
        default:
            return nil
        }
    }

    /// The rows with a non-zero count, sorted by their dimension values in `by` order
    /// (a missing value first, then by UTF-8 bytes), then by currency code.
    public var rows: [Row] {
        cells.filter { $0.value.count != 0 }
            .map { key, cell in
                Row(values: key.values, currency: key.currency, count: cell.count, total: cell.total,
                    parties: Int64(cell.parties.count))
            }
            .sorted(by: SummaryTable.precedes)
    }

    static func precedes(_ left: Row, _ right: Row) -> Bool {
        for (a, b) in zip(left.values, right.values) where a != b {
            guard let a else { return true }
            guard let b else { return false }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        return left.currency.code.utf8.lexicographicallyPrecedes(right.currency.code.utf8)
    }
}
