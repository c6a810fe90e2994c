import CivicLedger

/// One organisation-year judged against the charity-law ratios (LAW-RATIO). Money in
/// minor units of `currency`, ratios and thresholds in basis points.
public struct RatioYear: Equatable, Sendable {
    /// Which test decided a part.
    public enum Test: String, Sendable {
        /// The year's own figures (last year's income, this year's spending).
        case singleYear = "single-year"
        /// The three-year average (art. 10 of the 2016 rules; Charity Law art. 61).
        case threeYearAverage = "three-year-average"
        /// Administrative costs under the floor: the cap does not apply (art. 11).
        case underFloor = "under-floor"
        /// Not judged: the data needed is missing (see `note`).
        case none
    }

    public enum Outcome: String, Sendable {
        case pass, fail
        /// Not judged (first year with no prior income, net assets missing, …).
        case unknown
    }

    public let year: Int
    public let currency: Currency
    /// False while the log has not yet passed 31 December of `year`.
    public let complete: Bool
    public let income: Int64
    /// Last year's income; nil when last year is before the ledger's first year.
    public let priorIncome: Int64?
    /// The average income of the `averageYears` years before, when all lie in the ledger.
    public let averagePriorIncome: Int64?
    public let charitable: Int64
    public let administrative: Int64
    public let fundraising: Int64
    /// The genesis `org.net_assets`, used as prior-year net assets for a band.
    public let netAssets: Int64?

    /// Charitable spending as basis points of last year's income / of prior net assets.
    public let spendingOfPriorIncomeBP: Int64?
    public let spendingOfNetAssetsBP: Int64?
    /// Administrative costs as basis points of this year's total spending.
    public let adminOfSpendingBP: Int64?

    /// The thresholds of the organisation's row (nil: the row has no such test).
    public let minSpendingOfPriorIncomeBP: Int64?
    public let minSpendingOfNetAssetsBP: Int64?
    public let maxAdminOfSpendingBP: Int64?
    public let adminFloor: Int64?
    /// The row's thresholds are flagged unconfirmed in the rule set.
    public let unconfirmed: Bool

    public let spendingTest: Test
    public let spending: Outcome
    public let adminTest: Test
    public let admin: Outcome
    /// Why a part was not judged, or other facts for the report; empty when none.
    public let notes: [String]
    /// Income and spending entries in another currency than the ledger's: left out of the sums.
    public let otherCurrencyEntries: Int
    /// Charitable plus administrative plus fundraising spending.
    public let totalSpending: Int64
    /// Set when a sum this year is judged on (its own, last year's or an average's) left
    /// ±(2^53−1): the year is not judged, its figures are 0 and must not be shown.
    public let outOfRange: String?
}

/// The LAW-RATIO table of a rule set: one row per organisation type, fundraising status
/// and (for non-public-fundraising organisations) prior-year net-asset band.
public struct RatioTable: Sendable {
    public struct Row: Sendable {
        public let types: [String]
        public let publicFundraising: Bool
        /// Net-asset band: from (inclusive) and below (exclusive), either may be open.
        public let netAssetsFrom: Money?
        public let netAssetsBelow: Money?
        public let minSpendingOfPriorIncomeBP: Int64?
        public let minSpendingOfNetAssetsBP: Int64?
        public let maxAdminOfSpendingBP: Int64
        public let unconfirmed: Bool

        var hasBand: Bool { netAssetsFrom != nil || netAssetsBelow != nil }
    }

    public static let ruleID = "LAW-RATIO"
    static let rowKeys: Set<String> = ["types", "public_fundraising", "net_assets_from", "net_assets_below",
                                       "min_spending_of_prior_income_bp", "min_spending_of_net_assets_bp",
                                       "max_admin_of_spending_bp", "unconfirmed"]
    public let rows: [Row]
    public let adminFloor: Money
    /// Years in the three-year average (3).
    public let averageYears: Int64

    public init(_ set: RuleSet) throws {
        let id = RatioTable.ruleID
        adminFloor = try set.money(id, "admin_floor")
        averageYears = try set.integer(id, "average_years")
        guard (1...10).contains(averageYears) else {
            throw LedgerError(.usage, "rule set \(set.name): \(id).average_years must be 1…10")
        }
        rows = try set.objects(id, "rows").enumerated().map { position, fields in
            let what = "\(id).rows[\(position)]"
            if let unknown = fields.keys.filter({ !RatioTable.rowKeys.contains($0) }).sorted().first {
                throw LedgerError(.usage, "rule set \(set.name): \(what): unknown key \"\(PersonalData.quotableName(unknown))\"")
            }
            func integer(_ key: String) throws -> Int64? {
                guard let value = fields[key] else { return nil }
                guard case .integer(let number) = value, number >= 0, number <= 10_000 else {
                    throw LedgerError(.usage, "rule set \(set.name): \(what).\(key) must be basis points 0…10000")
                }
                return number
            }
            guard case .array(let typeValues)? = fields["types"], case .bool(let publicFundraising)? = fields["public_fundraising"] else {
                throw LedgerError(.usage, "rule set \(set.name): \(what) needs \"types\" and \"public_fundraising\"")
            }
            let types = try typeValues.map { value -> String in
                guard case .string(let text) = value else { throw LedgerError(.usage, "rule set \(set.name): \(what).types holds a non-string") }
                return text
            }
            guard let maxAdmin = try integer("max_admin_of_spending_bp") else {
                throw LedgerError(.usage, "rule set \(set.name): \(what) needs max_admin_of_spending_bp")
            }
            var unconfirmed = false
            switch fields["unconfirmed"] {
            case nil: break
            case .bool(let flag)?: unconfirmed = flag
            case .some: throw LedgerError(.usage, "rule set \(set.name): \(what).unconfirmed must be true or false")
            }
            return Row(types: types, publicFundraising: publicFundraising,
                       netAssetsFrom: try fields["net_assets_from"].map { try set.money(from: $0, what + ".net_assets_from") },
                       netAssetsBelow: try fields["net_assets_below"].map { try set.money(from: $0, what + ".net_assets_below") },
                       minSpendingOfPriorIncomeBP: try integer("min_spending_of_prior_income_bp"),
                       minSpendingOfNetAssetsBP: try integer("min_spending_of_net_assets_bp"),
                       maxAdminOfSpendingBP: maxAdmin, unconfirmed: unconfirmed)
        }
    }

    /// The rows for an organisation's type and fundraising status (before any band).
    func candidates(_ organization: Payload.Genesis.Organization) -> [Row] {
        rows.filter { $0.types.contains(organization.type.rawValue) && $0.publicFundraising == organization.publicFundraising }
    }

    /// Every year from the ledger's first to its last value-date year, judged.
    /// `lastTime` (RFC 3339) marks years not yet over as incomplete.
    public func years(_ tally: RatioTally, lastTime: String?) -> [RatioYear] {
        guard let organization = tally.organization, let currency = tally.currency,
              let first = tally.firstYear, let last = tally.lastYear else { return [] }
        let candidates = candidates(organization)
        guard !candidates.isEmpty else { return [] }
        let now = lastTime.flatMap { CivilDate(dateOf: $0) }
        return (first...last).map { year in
            judge(year: year, tally: tally, organization: organization, currency: currency, candidates: candidates,
                  complete: now.map { $0.year > year } ?? true)
        }
    }

    private func judge(year: Int, tally: RatioTally, organization: Payload.Genesis.Organization, currency: Currency,
                       candidates: [Row], complete: Bool) -> RatioYear {
        // Every year judged on lies in year − averageYears … year.
        let read = (year - Int(averageYears))...year
        var problem = read.lazy.compactMap { y in tally.year(y).overflow.map { "the \(y) \(TallyOverflow.phrase) at seq \($0.seq)" } }.first
        if problem == nil {
            do {
                return try judgeSums(year: year, tally: tally, organization: organization, currency: currency,
                                     candidates: candidates, complete: complete)
            } catch {
                problem = "a sum of \(read.lowerBound)–\(year): \(TallyOverflow.phrase)"
            }
        }
        return RatioYear(
            year: year, currency: currency, complete: complete, income: 0, priorIncome: nil, averagePriorIncome: nil,
            charitable: 0, administrative: 0, fundraising: 0, netAssets: nil, spendingOfPriorIncomeBP: nil,
            spendingOfNetAssetsBP: nil, adminOfSpendingBP: nil, minSpendingOfPriorIncomeBP: nil, minSpendingOfNetAssetsBP: nil,
            maxAdminOfSpendingBP: nil, adminFloor: nil, unconfirmed: false, spendingTest: .none, spending: .unknown,
            adminTest: .none, admin: .unknown, notes: [], otherCurrencyEntries: 0, totalSpending: 0, outOfRange: problem)
    }

    private func judgeSums(year: Int, tally: RatioTally, organization: Payload.Genesis.Organization, currency: Currency,
                           candidates: [Row], complete: Bool) throws -> RatioYear {
        let first = tally.firstYear ?? year
        let sums = tally.year(year)
        var notes: [String] = []
        let priorIncome: Int64? = year - 1 >= first ? tally.year(year - 1).income : nil
        var averageIncome: Int64?
        var averageIncomeSum: Int64?
        if Int64(year) - averageYears >= Int64(first) {
            let sum = try (1...Int(averageYears)).reduce(Int64(0)) { try Money.sum($0, tally.year(year - $1).income) }
            averageIncomeSum = sum
            averageIncome = sum / averageYears
        }

        // The row: by type and fundraising status, then by net-asset band when the rows have bands.
        var row: Row?
        let netAssets = organization.netAssets
        if candidates.contains(where: \.hasBand) {
            if let netAssets {
                row = candidates.first { row in
                    (row.netAssetsFrom.map { $0.currency == netAssets.currency && netAssets.value >= $0.value } ?? true)
                        && (row.netAssetsBelow.map { $0.currency == netAssets.currency && netAssets.value < $0.value } ?? true)
                }
                if row == nil { notes.append("net assets \(netAssets) fall in no band of the rule set") }
            } else {
                notes.append("the genesis entry states no org.net_assets, which the net-asset bands need")
            }
        } else {
            row = candidates.first
        }

        // Spending part.
        var spendingTest = RatioYear.Test.none
        var spending = RatioYear.Outcome.unknown
        let ofIncome = priorIncome.flatMap { AuditMath.basisPoints(sums.charitable, of: $0) }
        let ofAssets = netAssets.flatMap { $0.currency == currency ? AuditMath.basisPoints(sums.charitable, of: $0.value) : nil }
        if let row {
            var parts: [(RatioYear.Test, Bool)] = []
            var judged = true
            if let minimum = row.minSpendingOfPriorIncomeBP {
                if let priorIncome, priorIncome > 0 {
                    if AuditMath.productAtLeast(sums.charitable, 10_000, priorIncome, minimum) {
                        parts.append((.singleYear, true))
                    } else if let averageIncomeSum, averageIncomeSum > 0 {
                        let passes = AuditMath.productAtLeast(sums.charitable, averageYears * 10_000, averageIncomeSum, minimum)
                        parts.append((.threeYearAverage, passes))
                    } else {
                        parts.append((.singleYear, false))
                    }
                } else {
                    judged = false
                    notes.append(year - 1 < first
                        ? "\(year) is the ledger's first year: there is no \(year - 1) income to measure spending against"
                        : "no income was recorded for \(year - 1): there is nothing to measure spending against")
                }
            }
            if let minimum = row.minSpendingOfNetAssetsBP {
                if let netAssets, netAssets.currency == currency {
                    parts.append((.singleYear, AuditMath.productAtLeast(sums.charitable, 10_000, netAssets.value, minimum)))
                } else {
                    judged = false
                    if let netAssets { notes.append("net assets are stated in \(netAssets.currency.code), not \(currency.code)") }
                }
            }
            if judged && !parts.isEmpty {
                spending = parts.allSatisfy(\.1) ? .pass : .fail
                spendingTest = parts.contains { $0.0 == .threeYearAverage } ? .threeYearAverage : .singleYear
            }
        }

        // Administrative part.
        var adminTest = RatioYear.Test.none
        var admin = RatioYear.Outcome.unknown
        let total = sums.spending
        let floor: Int64? = adminFloor.currency == currency ? adminFloor.value : nil
        if adminFloor.currency != currency {
            notes.append("the administrative-cost floor is in \(adminFloor.currency.code), not \(currency.code): it is not applied")
        }
        if let row {
            let cap = row.maxAdminOfSpendingBP
            if let floor, sums.administrative < floor {
                adminTest = .underFloor
                admin = .pass
            } else if AuditMath.productAtLeast(total, cap, sums.administrative, 10_000) {
                adminTest = .singleYear
                admin = .pass
            } else if Int64(year) - averageYears + 1 >= Int64(first) {
                var adminSum: Int64 = 0
                var totalSum: Int64 = 0
                for back in 0..<Int(averageYears) {
                    adminSum = try Money.sum(adminSum, tally.year(year - back).administrative)
                    totalSum = try Money.sum(totalSum, tally.year(year - back).spending)
                }
                adminTest = .threeYearAverage
                admin = AuditMath.productAtLeast(totalSum, cap, adminSum, 10_000) ? .pass : .fail
            } else {
                adminTest = .singleYear
                admin = .fail
            }
        }
        return RatioYear(
            year: year, currency: currency, complete: complete, income: sums.income, priorIncome: priorIncome,
            averagePriorIncome: averageIncome, charitable: sums.charitable, administrative: sums.administrative,
            fundraising: sums.fundraising, netAssets: netAssets?.value,
            spendingOfPriorIncomeBP: row?.minSpendingOfPriorIncomeBP == nil ? nil : ofIncome,
            spendingOfNetAssetsBP: row?.minSpendingOfNetAssetsBP == nil ? nil : ofAssets,
            adminOfSpendingBP: AuditMath.basisPoints(sums.administrative, of: total),
            minSpendingOfPriorIncomeBP: row?.minSpendingOfPriorIncomeBP, minSpendingOfNetAssetsBP: row?.minSpendingOfNetAssetsBP,
            maxAdminOfSpendingBP: row?.maxAdminOfSpendingBP, adminFloor: floor, unconfirmed: row?.unconfirmed ?? false,
            spendingTest: spendingTest, spending: spending, adminTest: adminTest, admin: admin, notes: notes,
            otherCurrencyEntries: sums.otherCurrencyEntries, totalSpending: total, outOfRange: nil)
    }
}

/// The charity-law ratios of a ledger, per year: the one computation LAW-RATIO and the
/// ratio export share.
public enum CharityRatios {
    /// Judges every year of `entries` (the log in order, genesis first) against the
    /// LAW-RATIO table of `ruleSet`. `entry` reads an earlier entry by seq (reversal
    /// targets); `lastTime` marks years not yet over as incomplete (default: the last
    /// entry's time). Returns no years for an organisation type the table does not list.
    /// Throws, naming the year, when a year's sums left ±(2^53−1): its figures do not exist.
    public static func years(ruleSet: RuleSet, entries: some Sequence<Entry>, entry lookup: (UInt64) throws -> Entry?,
                             lastTime: String? = nil) throws -> [RatioYear] {
        let table = try RatioTable(ruleSet)
        var tally = RatioTally()
        var latest: String?
        for entry in entries {
            var target: Entry?
            if case .reversal(let reversal) = entry.body.payload { target = try lookup(reversal.target) }
            tally.observe(entry, target: target)
            latest = entry.time
        }
        let years = table.years(tally, lastTime: lastTime ?? latest)
        if let bad = years.first(where: { $0.outOfRange != nil }) {
            throw LedgerError(.invalidEntry, "the \(bad.year) ratios cannot be computed: \(bad.outOfRange!)")
        }
        return years
    }
}
