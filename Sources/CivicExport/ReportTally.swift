import CivicAudit
import CivicLedger

/// The HTML report's own sums for one year, in the ledger's base currency, taken in two
/// streaming passes (the first finds the reversed entries, which the second leaves out).
/// Holds no party reference beyond the set it counts distinct donors with, and exports none.
struct ReportTally {
    struct ContributionKey: Hashable, Comparable {
        let tier: Int64
        let mechanism: String
        static func < (a: Self, b: Self) -> Bool { (a.tier, a.mechanism) < (b.tier, b.mechanism) }
    }

    let year: Int
    private(set) var genesis: Payload.Genesis?
    private(set) var income: Int64 = 0
    private(set) var charitable: Int64 = 0
    private(set) var administrative: Int64 = 0
    private(set) var fundraising: Int64 = 0
    private(set) var donations = 0
    private(set) var anonymousDonations = 0
    private var donors: Set<String> = []
    /// Every party reference in the log (donors, contributors, participants, beneficiaries):
    /// kept in memory only, so the report can redact them from audit messages.
    private(set) var partyRefs: Set<String> = []
    private(set) var firstYear: Int?
    private(set) var lastYear: Int?
    private(set) var contributions = 0
    private(set) var disbursements = 0
    private(set) var reversedCount = 0
    private(set) var incomeByMonth = [Int64](repeating: 0, count: 12)
    private(set) var charitableByMonth = [Int64](repeating: 0, count: 12)
    private(set) var charitableByCategory: [ProgrammeCategory: Int64] = [:]
    /// Charitable spending by area: "urban", "rural", or "not stated".
    private(set) var charitableByArea: [String: Int64] = [:]
    private(set) var contributionsByTier: [ContributionKey: Int64] = [:]
    /// Fund balances at the end of `year` (movements with value date up to 31 December).
    private(set) var fundBalances: [String: Int64] = [:]
    private(set) var fundNames: [String: String] = [:]
    /// Restricted funds' money of the year in the base currency (ReportTally+Restricted).
    var restricted: [String: RestrictedFlow] = [:]
    /// Every fund as its `fund` entry opened it (the first, as the book keeps it).
    var openedFunds: [String: Payload.Fund] = [:]
    /// Entries of the year in another currency than the ledger's: counted, not summed.
    private(set) var otherCurrencyEntries = 0
    private(set) var lastTime: String?

    var currency: Currency? { genesis?.currency }
    var distinctDonors: Int { donors.count }

    /// `progress` is told how many entries both passes have read so far.
    init(reader: any CheckpointedLog, year: Int, progress: ((UInt64) -> Void)? = nil) throws {
        self.year = year
        var reversals: [UInt64: UInt64] = [:]
        try reader.forEachEntry(in: 0..<reader.size) { seq, bytes in
            let entry = try ReportTally.decode(bytes, seq: seq, in: reader)
            if case .reversal(let reversal) = entry.body.payload { reversals[entry.seq] = reversal.target }
            progress?(seq + 1)
        }
        let reversed = ReversalNetting.cancelledSeqs(reversals)
        let size = reader.size
        try reader.forEachEntry(in: 0..<size) { seq, bytes in
            try observe(ReportTally.decode(bytes, seq: seq, in: reader), reversed: reversed)
            progress?(size + seq + 1)
        }
    }

    /// A stored entry that does not decode is a damaged ledger (exit 1), not bad input.
    private static func decode(_ bytes: ArraySlice<UInt8>, seq: UInt64, in reader: any CheckpointedLog) throws -> Entry {
        do { return try Entry.decode(Array(bytes)) } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(reader.location): entry \(seq): \(error.message)")
        }
    }

    private mutating func observe(_ entry: Entry, reversed: Set<UInt64>) throws {
        lastTime = entry.time
        if case .genesis(let payload) = entry.body.payload, genesis == nil { genesis = payload }
        if case .fund(let fund) = entry.body.payload {
            fundNames[fund.code] = fund.name
            if openedFunds[fund.code] == nil { openedFunds[fund.code] = fund }
        }
        collectRefs(entry.body.payload)
        let date = entry.body.date
        guard let currency else { return }
        firstYear = min(firstYear ?? date.year, date.year)
        lastYear = max(lastYear ?? date.year, date.year)
        let isReversed = reversed.contains(entry.seq)
        if date.year <= year, !isReversed, entry.body.kind != .reversal {
            for movement in Book.movements(of: entry, target: nil) where movement.currency == currency {
                fundBalances[movement.fund] = try Money.sum(fundBalances[movement.fund] ?? 0, movement.delta)
            }
        }
        guard date.year == year else { return }
        if isReversed {
            if entry.body.payload.amount != nil { reversedCount += 1 }
            return
        }
        try tallyRestricted(entry, currency: currency)
        let month = date.month - 1
        switch entry.body.payload {
        case .donation(let donation):
            donations += 1
            switch donation.donor {
            case .party(let party): donors.insert(party.ref)
            case .anonymous: anonymousDonations += 1
            }
            guard donation.amount.currency == currency else { otherCurrencyEntries += 1; return }
            try addIncome(donation.amount.value, month: month)
        case .contribution(let contribution):
            contributions += 1
            guard contribution.amount.currency == currency else { otherCurrencyEntries += 1; return }
            let key = ContributionKey(tier: contribution.tier.rawValue, mechanism: contribution.mechanism.rawValue)
            contributionsByTier[key] = try Money.sum(contributionsByTier[key] ?? 0, contribution.amount.value)
            if contribution.mechanism == .charity { try addIncome(contribution.amount.value, month: month) }
        case .disbursement(let disbursement):
            disbursements += 1
            guard disbursement.amount.currency == currency else { otherCurrencyEntries += 1; return }
            let value = disbursement.amount.value
            switch disbursement.expense {
            case .charitable:
                charitable = try Money.sum(charitable, value)
                charitableByMonth[month] = try Money.sum(charitableByMonth[month], value)
                charitableByCategory[disbursement.category] = try Money.sum(charitableByCategory[disbursement.category] ?? 0, value)
                let area = disbursement.region?.area.rawValue ?? "not stated"
                charitableByArea[area] = try Money.sum(charitableByArea[area] ?? 0, value)
            case .administrative:
                administrative = try Money.sum(administrative, value)
            case .fundraising:
                fundraising = try Money.sum(fundraising, value)
            }
        default:
            break
        }
    }

    private mutating func collectRefs(_ payload: Payload) {
        switch payload {
        case .donation(let donation):
            if case .party(let party) = donation.donor { partyRefs.insert(party.ref) }
        case .contribution(let contribution):
            partyRefs.insert(contribution.contributor.ref)
            if let participant = contribution.participant { partyRefs.insert(participant) }
        case .disbursement(let disbursement):
            if case .party(let ref) = disbursement.beneficiary { partyRefs.insert(ref) }
        case .transfer(let transfer):
            partyRefs.insert(transfer.authority.ref)
        default:
            break
        }
    }

    private mutating func addIncome(_ value: Int64, month: Int) throws {
        income = try Money.sum(income, value)
        incomeByMonth[month] = try Money.sum(incomeByMonth[month], value)
    }
}
