import CivicLedger

/// Readable names for the ledger's codes, shared by the 360Giving export and the HTML report.
enum ReportLabels {
    static func category(_ category: ProgrammeCategory) -> String {
        switch category {
        case .pension: "Pension insurance"
        case .medical: "Medical security"
        case .assistance: "Social assistance"
        case .oldAgeService: "Old-age service"
        case .housing: "Housing security"
        case .longTermCare: "Long-term care"
        case .women: "Welfare for women"
        case .children: "Welfare for children"
        case .disability: "Welfare for disabled people"
        case .other: "Other"
        }
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The 360Giving organisation identifier of a Chinese organisation: `CN-USCI-<code>`.
    static func organisationID(uscc: String) -> String { "CN-USCI-" + uscc }

    /// The years an export accepts.
    static let years = CivilDate.writable.lowerBound.year...CivilDate.writable.upperBound.year
}
