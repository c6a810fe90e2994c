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
        try applyEffects(entry, target: target)
    }

    /// Every sum is checked before anything changes, so a throw leaves the book as it was,
    /// and the book is changed in place: a copy changed and stored back would copy its
    /// dictionaries (the pension totals grow with the participants) on every entry.
    private mutating func applyEffects(_ entry: Entry, target: Entry?) throws {
        let cancelled = ReversalNetting.cancelledTarget(of: entry, target: target, reversed: reversed)
        var pension: (key: String, total: Int64)?
        switch entry.body.payload {
        case .contribution(let contribution):
            pension = try pensionChange(contribution, date: entry.body.date, sign: 1)
        case .reversal:
            if let cancelled, case .contribution(let contribution) = cancelled.body.payload {
                pension = try pensionChange(contribution, date: cancelled.body.date, sign: -1)
            }
        case .genesis, .fund, .donation, .disbursement, .transfer, .key, .backfill:
            break
        }
        let balances = try balanceChanges(Book.movements(of: entry, target: cancelled))
        switch entry.body.payload {
        case .fund(let fund):
            if funds[fund.code] == nil {
                funds[fund.code] = FundState(restriction: fund.restriction, purpose: fund.purpose, balances: [:])
            }
        case .donation(let donation):
            if case .issued(let series, let number) = donation.receipt, receipts[series]?.contains(number) != true {
                receipts[series, default: ReceiptNumbers()].insert(number)
            }
        case .reversal:
            if let cancelled { reversed.insert(cancelled.seq) }
        case .genesis, .contribution, .disbursement, .transfer, .key, .backfill:
            break
        }
        if let pension { pensionTotals[pension.key] = pension.total }
        for change in balances { funds[change.fund]?.balances[change.code] = change.balance }
    }

    /// The balances after `movements`, in order (a fund not opened is passed over), each
    /// sum checked; later changes of the same fund and currency come after earlier ones.
    private func balanceChanges(_ movements: [Movement]) throws -> [(fund: String, code: String, balance: Int64)] {
        var changes: [(fund: String, code: String, balance: Int64)] = []
        for movement in movements {
            guard let fund = funds[movement.fund] else { continue }
            let code = movement.currency.code
            let current = changes.last(where: { $0.fund == movement.fund && $0.code == code })?.balance ?? fund.balances[code] ?? 0
            do {
                changes.append((movement.fund, code, try Money.sum(current, movement.delta)))
            } catch let error as LedgerError {
                throw LedgerError(error.code, "the balance of fund \(movement.fund) in \(code): \(error.message)")
            }
        }
        return changes
    }

    /// The key of an individual-pension total: the participant (or the contributor when
    /// no participant is named) and the calendar year of the value date.
    public static func pensionKey(_ contribution: Payload.Contribution, date: CivilDate) -> String {
        (contribution.participant ?? contribution.contributor.ref) + "|" + String(date.year)
    }

    /// The individual-pension total `contribution` makes (nil for other schemes), checked.
    private func pensionChange(_ contribution: Payload.Contribution, date: CivilDate, sign: Int64) throws -> (key: String, total: Int64)? {
        guard contribution.scheme == .individualPension else { return nil }
        let key = Book.pensionKey(contribution, date: date)
        do {
            return (key, try Money.sum(pensionTotals[key] ?? 0, sign * contribution.amount.value))
        } catch let error as LedgerError {
            let participant = contribution.participant ?? contribution.contributor.ref
            throw LedgerError(error.code, "the individual-pension total of \(participant) in \(date.year): \(error.message)")
        }
    }
}
