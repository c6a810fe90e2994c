/// The programme category of a fund, donation, contribution or disbursement, after the
/// branches of the multi-level social security system.
public enum ProgrammeCategory: String, CaseIterable, Sendable {
    case pension, medical, assistance
    case oldAgeService = "old-age-service"
    case housing
    case longTermCare = "long-term-care"
    case women, children, disability, other
}
