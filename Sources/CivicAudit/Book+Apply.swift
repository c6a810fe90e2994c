import CivicLedger

extension Book {
    /// Takes `entry` into account. The rules have already judged it; whatever they said,
    /// the book follows the log, so an audit of a bad ledger keeps counting.
    ///
    /// A fund balance or pension total that would leave ±(2^53−1) (`Money.sum`) throws:
    /// then the entry only takes its place in the log (`size`), none of its effects are
    /// applied, and no sum is ever saturated.
    public mutating func apply(_ entry: Entry, target: Entry?) throws {
        precondition(entry.seq == size, "entries are applied in log order")
        size += 1
        var next = self
        try next.applyEffects(entry, target: target)
        self = next
    }

    private mutating func applyEffects(_ entry: Entry, target: Entry?) throws {
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
            try addPension(contribution, date: entry.body.date, sign: 1)
        case .reversal:
            guard let cancelled else { break }
            reversed.insert(cancelled.seq)
            if case .contribution(let contribution) = cancelled.body.payload {
                try addPension(contribution, date: cancelled.body.date, sign: -1)
            }
        case .genesis, .disbursement, .transfer, .key, .backfill:
            break
        }
        for movement in Book.movements(of: entry, target: cancelled) {
            guard var fund = funds[movement.fund] else { continue }
            do {
                fund.balances[movement.currency.code] = try Money.sum(fund.balances[movement.currency.code] ?? 0, movement.delta)
            } catch let error as LedgerError {
                throw LedgerError(error.code, "the balance of fund \(movement.fund) in \(movement.currency.code): \(error.message)")
            }
            funds[movement.fund] = fund
        }
    }

    /// The key of an individual-pension total: the participant (or the contributor when
    /// no participant is named) and the calendar year of the value date.
    public static func pensionKey(_ contribution: Payload.Contribution, date: CivilDate) -> String {
        (contribution.participant ?? contribution.contributor.ref) + "|" + String(date.year)
    }

    private mutating func addPension(_ contribution: Payload.Contribution, date: CivilDate, sign: Int64) throws {
        guard contribution.scheme == .individualPension else { return }
        let key = Book.pensionKey(contribution, date: date)
        do {
            pensionTotals[key] = try Money.sum(pensionTotals[key] ?? 0, sign * contribution.amount.value)
        } catch let error as LedgerError {
            let participant = contribution.participant ?? contribution.contributor.ref
            throw LedgerError(error.code, "the individual-pension total of \(participant) in \(date.year): \(error.message)")
        }
    }
}
