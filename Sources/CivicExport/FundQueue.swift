import CivicLedger

/// One fund's money in the traced currency, oldest first, as runs that are either part of
/// the traced donation or any other money. Adjacent runs of the same sort are merged, so a
/// queue holds at most twice as many runs as pieces of the donation plus one, whatever the
/// number of entries. Amounts are positive minor units; sums follow `Money.sum`.
struct FundQueue {
    struct Run: Equatable {
        let traced: Bool
        var amount: Int64
    }

    private var runs: [Run] = []
    /// Index of the oldest run still held: taking from the front costs no copying.
    private var head = 0

    /// The traced donation's part of what the fund holds.
    var tracedAmount: Int64 {
        runs[head...].filter(\.traced).reduce(0) { $0 + $1.amount }
    }

    /// Adds money at the back (the newest).
    mutating func append(_ run: Run) throws {
        precondition(run.amount > 0, "a run holds money")
        if head < runs.count, runs[runs.count - 1].traced == run.traced {
            runs[runs.count - 1].amount = try Money.sum(runs[runs.count - 1].amount, run.amount)
        } else {
            runs.append(run)
        }
    }

    /// Takes `amount` from the front (first in, first out): the runs taken, oldest first, and
    /// the shortfall when the fund holds less (possible only in a ledger whose balances the
    /// write rules did not hold, or once a reversal took out money that was spent).
    mutating func take(_ amount: Int64) -> (taken: [Run], shortfall: Int64) {
        precondition(amount > 0, "an outflow takes money")
        var wanted = amount
        var taken: [Run] = []
        while wanted > 0, head < runs.count {
            let part = min(wanted, runs[head].amount)
            taken.append(Run(traced: runs[head].traced, amount: part))
            runs[head].amount -= part
            wanted -= part
            if runs[head].amount == 0 { head += 1 }
        }
        if head > 64, head * 2 > runs.count {
            runs.removeFirst(head)
            head = 0
        }
        assert(taken.reduce(0) { $0 + $1.amount } + wanted == amount, "what is taken and the shortfall make the outflow")
        return (taken, wanted)
    }
}
