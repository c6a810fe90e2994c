/// How messages treat text that may hold personal data (Charity Law art. 82; PIPL): a
/// value that was rejected is never echoed; names and ids that passed their syntax are
/// echoed only when `PersonalDataScanner` finds nothing in them.
public enum PersonalData {
    /// What an error message shows in place of text that holds personal data.
    public static let withheld = "(withheld: it holds personal data)"

    /// Longer key or column names are not echoed: no real name is this long.
    static let nameByteCountMax = 64

    /// True when `text` holds a mobile number, a resident identity number or an e-mail address.
    public static func isPresent(in text: String) -> Bool {
        PersonalDataScanner.problem(in: text) != nil
    }

    /// An id or ref as given when it has the id syntax (then it is as public as the log)
    /// and holds no personal data; otherwise `withheld` or a placeholder: a value that
    /// fails its syntax was rejected, and a rejected value is never echoed.
    public static func quotable(_ text: String) -> String {
        if EntrySyntax.idProblem(text) != nil { return "(withheld: not a valid id)" }
        return isPresent(in: text) ? withheld : text
    }

    /// A JSON key or CSV column name as given when it is short printable ASCII without
    /// personal data (the names a schema knows are); otherwise a placeholder.
    public static func quotableName(_ name: String) -> String {
        let printable = name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\"") }
        guard printable, name.utf8.count <= nameByteCountMax else { return "(a name withheld: not a short plain name)" }
        return isPresent(in: name) ? withheld : name
    }
}
