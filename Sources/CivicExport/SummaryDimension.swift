import CivicLedger

/// A dimension a summary groups by (`--by`). Every value is a string, or nil when the entry
/// has no such value (a donation's `tier`, an entry without `region`): JSON `null`, CSV an
/// empty field. `org` is the ledger's origin (from its genesis), the one dimension that
/// tells apart the ledgers of a consolidated summary.
public enum SummaryDimension: String, CaseIterable, Sendable {
    case org, kind, category, tier, mechanism, scheme, fund, restriction, expense, region, area
    case month, quarter, year, currency

    /// Reads a comma-separated list (`kind,year`): at least one, no repeats, known names.
    public static func parseList(_ text: String) throws -> [SummaryDimension] {
        var result: [SummaryDimension] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingSpaces()
            guard let dimension = SummaryDimension(rawValue: trimmed) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw LedgerError(.usage, "--by: \"\(trimmed.prefix(40))\" is not a dimension (one of \(known))")
            }
            guard !result.contains(dimension) else {
                throw LedgerError(.usage, "--by: \(dimension.rawValue) is named twice")
            }
            result.append(dimension)
        }
        return result
    }

    /// The value of this dimension for a money entry. `restrictions` maps the fund codes
    /// opened so far to their restriction; `origin` is the ledger's (nil before its genesis).
    func value(of entry: Entry, restrictions: [String: Payload.Fund.Restriction], origin: String?) -> String? {
        let payload = entry.body.payload
        let date = entry.body.date
        switch self {
        case .org: return origin
        case .kind: return entry.body.kind.rawValue
        case .category:
            switch payload {
            case .donation(let donation): return donation.category.rawValue
            case .contribution(let contribution): return contribution.category.rawValue
            case .disbursement(let disbursement): return disbursement.category.rawValue
            default: return nil
            }
        case .tier: return payload.contribution.map { String($0.tier.rawValue) }
        case .mechanism: return payload.contribution?.mechanism.rawValue
        case .scheme: return payload.contribution?.scheme.rawValue
        case .fund: return SummaryDimension.funds(payload).map { $0.joined(separator: ">") }
        case .restriction:
            return SummaryDimension.funds(payload).flatMap { codes in
                let known = codes.compactMap { restrictions[$0]?.rawValue }
                return known.count == codes.count ? known.joined(separator: ">") : nil
            }
        case .expense: return payload.disbursement?.expense.rawValue
        case .region: return SummaryDimension.region(payload)?.code
        case .area: return SummaryDimension.region(payload)?.area.rawValue
        case .month: return String(date.text.prefix(7))
        case .quarter: return String(date.text.prefix(4)) + "-Q\(date.quarter)"
        case .year: return String(date.text.prefix(4))
        case .currency: return payload.amount?.currency.code
        }
    }

    /// The fund codes an entry moves money through: one, or `from` and `to` of a transfer.
    private static func funds(_ payload: Payload) -> [String]? {
        switch payload {
        case .donation(let donation): return [donation.fund]
        case .contribution(let contribution): return contribution.fund.map { [$0] }
        case .disbursement(let disbursement): return [disbursement.fund]
        case .transfer(let transfer): return [transfer.from, transfer.to]
        default: return nil
        }
    }

    private static func region(_ payload: Payload) -> Region? {
        switch payload {
        case .donation(let donation): return donation.region
        case .contribution(let contribution): return contribution.region
        case .disbursement(let disbursement): return disbursement.region
        default: return nil
        }
    }
}

fileprivate extension Payload {
    var contribution: Contribution? {
        if case .contribution(let details) = self { return details }
        return nil
    }

    var disbursement: Disbursement? {
        if case .disbursement(let details) = self { return details }
        return nil
    }
}

fileprivate extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
