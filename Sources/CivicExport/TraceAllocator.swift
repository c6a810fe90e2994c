import CivicLedger

/// The allocation rule of `Ledger/SPEC.md` ("Trace"), applied to one donation: each fund
/// keeps its money in the donation's currency as a first-in, first-out queue in log order;
/// a donation or a contribution naming the fund adds at the back; a disbursement takes from
/// the front; a transfer takes from the front of `from` and adds what it took, in the same
/// order, at the back of `to`. Entries a reversal cancels at the checkpoint, and reversals
/// themselves, take no part (ReversalNetting). Money in other currencies never meets the
/// donation's, so it is not followed at all. Memory: the funds, plus runs bounded by the
/// pieces the donation was split into.
struct TraceAllocator {
    let donationSeq: UInt64
    let currency: Currency
    let cancelled: Set<UInt64>
    private var funds: [String: Payload.Fund] = [:]
    private var queues: [String: FundQueue] = [:]
    private(set) var steps: [TraceStep] = []

    init(donationSeq: UInt64, currency: Currency, cancelled: Set<UInt64>) {
        self.donationSeq = donationSeq
        self.currency = currency
        self.cancelled = cancelled
    }

    /// Takes the next entry of the log into account.
    mutating func observe(_ entry: Entry) throws {
        if case .fund(let fund) = entry.body.payload, funds[fund.code] == nil { funds[fund.code] = fund }
        guard !cancelled.contains(entry.seq), entry.body.payload.amount?.currency == currency else { return }
        switch entry.body.payload {
        case .donation(let donation):
            try queues[donation.fund, default: FundQueue()].append(.init(traced: entry.seq == donationSeq, amount: donation.amount.value))
        case .contribution(let contribution):
            guard let fund = contribution.fund else { return }
            try queues[fund, default: FundQueue()].append(.init(traced: false, amount: contribution.amount.value))
        case .disbursement(let disbursement):
            let traced = Self.tracedPart(of: queues[disbursement.fund, default: FundQueue()].take(disbursement.amount.value).taken)
            guard traced > 0 else { return }
            try record(.disbursement(.init(
                seq: entry.seq, date: entry.body.date, fund: disbursement.fund, category: disbursement.category,
                expense: disbursement.expense, region: disbursement.region, amount: traced,
                onPurpose: onPurpose(fund: disbursement.fund, category: disbursement.category))))
        case .transfer(let transfer):
            let (taken, shortfall) = queues[transfer.from, default: FundQueue()].take(transfer.amount.value)
            var destination = queues[transfer.to, default: FundQueue()]
            for run in taken { try destination.append(run) }
            // Money the source did not hold still arrives: as money of no traced origin.
            if shortfall > 0 { try destination.append(.init(traced: false, amount: shortfall)) }
            queues[transfer.to] = destination
            let traced = Self.tracedPart(of: taken)
            guard traced > 0 else { return }
            try record(.transfer(.init(seq: entry.seq, date: entry.body.date, from: transfer.from, to: transfer.to, amount: traced)))
        case .genesis, .fund, .reversal, .key, .backfill:
            break
        }
    }

    /// What is left of the donation, fund by fund.
    var unspent: [DonationTrace.Remainder] {
        DonationTrace.remainders(queues.mapValues(\.tracedAmount))
    }

    private static func tracedPart(of runs: [FundQueue.Run]) -> Int64 {
        runs.filter(\.traced).reduce(0) { $0 + $1.amount }
    }

    /// A restricted fund spends on purpose only for its own purpose; other funds always do.
    private func onPurpose(fund code: String, category: ProgrammeCategory) -> Bool {
        guard let fund = funds[code], fund.restriction == .restricted, let purpose = fund.purpose else { return true }
        return purpose == category
    }

    private mutating func record(_ step: TraceStep) throws {
        guard steps.count < DonationTrace.stepCountMax else {
            throw LedgerError(.usage, "seq \(donationSeq) was drawn on by more than \(DonationTrace.stepCountMax) entries, "
                + "the most a trace holds")
        }
        steps.append(step)
    }
}
