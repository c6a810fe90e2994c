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

    /// Overflow-checked addition of minor units: an absurd ledger is an error, never a wrapped total.
    static func add(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw LedgerError(.invalidEntry, "a total overflows 64-bit minor units") }
        return sum
    }

    /// Calendar year and month (1–12) of a `YYYY-MM-DD…` date, or nil.
    static func yearMonth(_ date: String) -> (year: Int, month: Int)? {
        let bytes = Array(date.utf8.prefix(7))
        guard bytes.count == 7, bytes[4] == 0x2D, bytes.enumerated().allSatisfy({ $0.offset == 4 || (0x30...0x39).contains($0.element) })
        else { return nil }
        let year = bytes[0..<4].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let month = bytes[5..<7].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (1...12).contains(month) else { return nil }
        return (year, month)
    }

    /// The years an export accepts.
    static let years = 1900...9999
}
