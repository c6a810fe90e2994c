import CivicAudit
import CivicLedger

/// What came into and went out of one restricted fund in the report's year, in the base
/// currency, net of reversals like every other figure of the report.
struct RestrictedFlow: Equatable {
    /// Donations, contributions naming the fund, and transfers into it.
    var received: Int64 = 0
    /// Disbursements (any expense class) by programme category.
    var spentByCategory: [ProgrammeCategory: Int64] = [:]
    var transferredOut: Int64 = 0
}

extension ReportTally {
    /// Adds a money entry of the year (not reversed) to the restricted funds it touches.
    mutating func tallyRestricted(_ entry: Entry, currency: Currency) throws {
        guard entry.body.payload.amount?.currency == currency else { return }
        func isRestricted(_ code: String) -> Bool { openedFunds[code]?.restriction == .restricted }
        switch entry.body.payload {
        case .donation(let donation) where isRestricted(donation.fund):
            restricted[donation.fund, default: RestrictedFlow()].received =
                try Money.sum(restricted[donation.fund]?.received ?? 0, donation.amount.value)
        case .contribution(let contribution):
            guard let fund = contribution.fund, isRestricted(fund) else { return }
            restricted[fund, default: RestrictedFlow()].received = try Money.sum(restricted[fund]?.received ?? 0, contribution.amount.value)
        case .disbursement(let disbursement) where isRestricted(disbursement.fund):
            let spent = restricted[disbursement.fund]?.spentByCategory[disbursement.category] ?? 0
            restricted[disbursement.fund, default: RestrictedFlow()].spentByCategory[disbursement.category] =
                try Money.sum(spent, disbursement.amount.value)
        case .transfer(let transfer):
            if isRestricted(transfer.from) {
                restricted[transfer.from, default: RestrictedFlow()].transferredOut =
                    try Money.sum(restricted[transfer.from]?.transferredOut ?? 0, transfer.amount.value)
            }
            if isRestricted(transfer.to) {
                restricted[transfer.to, default: RestrictedFlow()].received =
                    try Money.sum(restricted[transfer.to]?.received ?? 0, transfer.amount.value)
            }
        default:
            break
        }
    }
}
