/// Quoting writer text in error messages without leaking personal data: an error line goes
/// to terminals, CI logs and support tickets, so an id or ref that holds a mobile number or
/// a resident identity number (refused by STD-PII or the donor store) is never echoed.
public enum PersonalData {
    /// What an error message shows in place of text that holds personal data.
    public static let withheld = "(withheld: it holds personal data)"

    /// True when `text` holds a mainland mobile number or a resident identity number.
    public static func isPresent(in text: String) -> Bool {
        PersonalNumber.containsMobileNumber(text) || PersonalNumber.containsResidentIdentityNumber(text)
    }

    /// `text` itself, or `withheld` when it holds personal data.
    public static func quotable(_ text: String) -> String {
        isPresent(in: text) ? withheld : text
    }
}
