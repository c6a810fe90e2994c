import CivicLedger

extension Book {
    /// Takes `entry` into account. The rules have already judged it; whatever they said,
    /// the book follows the log, so an audit of a bad ledger keeps counting.
    public mutating func apply(_ entry: Entry, target: Entry?) {
        precondition(entry.seq == size, "entries are applied in log order")
        size += 1
        let cancelled = ReversalNetting.cancelledTarget(of: entry, target: target, reversed: reversed)
        switch entry.body.payload {
        case .fund(let fund):
            if funds[fund.code] == nil {
                funds[fund.code] = FundState(restriction: fund.restriction, purpose: fund.purpose, balances: [:])
            }
        case .donation(let donation):
            if case .issued(let series, let number) = donation.receipt, receipts[series]?.contains(number) != true {
                receipts[series, default: ReceiptNumbers()].insert(number)
            }
        case .contribution(let contribution):
            addPension(contribution, date: entry.body.date, sign: 1)
        case .reversal:
            guard let cancelled else { break }
            reversed.insert(cancelled.seq)
            if case .contribution(let contribution) = cancelled.body.payload {
                addPension(contribution, date: cancelled.body.date, sign: -1)
            }
        case .genesis, .disbursement, .transfer, .key:
            break
        }
        for movement in Book.movements(of: entry, target: cancelled) {
            guard var fund = funds[movement.fund] else { continue }
            let (sum, overflow) = (fund.balances[movement.currency.code] ?? 0).addingReportingOverflow(movement.delta)
            fund.balances[movement.currency.code] = overflow ? (movement.delta > 0 ? Int64.max : Int64.min) : sum
            funds[movement.fund] = fund
        }
    }

    /// The key of an individual-pension total: the participant (or the contributor when
    /// no participant is named) and the calendar year of the value date.
    public static func pensionKey(_ contribution: Payload.Contribution, date: CivilDate) -> String {
        (contribution.participant ?? contribution.contributor.ref) + "|" + String(date.year)
    }

    private mutating func addPension(_ contribution: Payload.Contribution, date: CivilDate, sign: Int64) {
        guard contribution.scheme == .individualPension else { return }
        let key = Book.pensionKey(contribution, date: date)
        let (sum, overflow) = (pensionTotals[key] ?? 0).addingReportingOverflow(sign * contribution.amount.value)
        pensionTotals[key] = overflow ? Int64.max : sum
    }
}
