import CivicLedger

/// STD-REGION: a region on a donation, contribution or disbursement is a 6-digit GB/T 2260
/// division code whose first two digits are a province-level code of the rule set, and its
/// area is urban or rural (the schema already holds the area to those two words).
public struct RegionCodeRule: Rule {
    public static let ruleID = "STD-REGION"
    public let info: RuleInfo
    public let provinceCodes: Set<String>

    public init(info: RuleInfo, provinceCodes: [String]) {
        precondition(info.id == Self.ruleID, "a rule is built from its own rule-set entry")
        self.info = info
        self.provinceCodes = Set(provinceCodes)
    }

    public func check(_ entry: Entry, context: RuleContext) -> [String] {
        let region: Region?
        switch entry.body.payload {
        case .donation(let donation): region = donation.region
        case .contribution(let contribution): region = contribution.region
        case .disbursement(let disbursement): region = disbursement.region
        default: region = nil
        }
        guard let region else { return [] }
        let digits = region.code.utf8
        guard digits.count == 6, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return ["region code \(region.code) is not 6 digits"]
        }
        let province = String(region.code.prefix(2))
        guard provinceCodes.contains(province) else {
            return ["region code \(region.code) starts with \(province), which is not a province-level division of GB/T 2260"]
        }
        return []
    }
}
