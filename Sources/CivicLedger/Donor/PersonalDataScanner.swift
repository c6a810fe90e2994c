/// Finds the personal data STD-PII keeps out of the public log, in the forms people type:
/// mainland mobile numbers (`13812345678`, `138-1234-5678`, `138 1234 5678`, with `+86`,
/// `86` or `0086` before them), resident identity numbers (18 characters with a valid
/// ISO 7064 MOD 11-2 check, `X` or `x`; 15-digit numbers from before 1999 with a valid
/// birth date) and e-mail addresses. Full-width forms (`０`–`９`, `＠`, `．`, `－`, `＋`,
/// the ideographic space and full stop) count as their ASCII twins.
public enum PersonalDataScanner {
    /// A cheap screen over a whole entry's bytes: false when no `@`, no full-width form and
    /// no run of 11 digits (spaces, `-` and `+` between them allowed) occurs anywhere, in
    /// which case no field can hold what `problem` looks for.
    public static func mightHoldPersonalData(_ bytes: [UInt8]) -> Bool {
        var digits = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                if digits >= 11 { return true }
            } else if byte == 0x40 || byte == 0xef || byte == 0xe3 {
                return true // '@', or the lead byte of U+FF00…U+FFFF or U+3000…U+3FFF
            } else if byte != 0x20 && byte != 0x2d && byte != 0x2b {
                digits = 0
            }
        }
        return false
    }

    /// What personal data `text` holds ("a mobile number", …), or nil.
    public static func problem(in text: String) -> String? {
        let characters = normalized(text)
        let groups = DigitGroup.chains(in: characters)
        if groups.contains(where: MobileNumber.matches) { return "a mobile number" }
        if ResidentIdentity.occurs(in: characters) { return "a resident identity number" }
        if EmailAddress.occurs(in: characters) { return "an e-mail address" }
        return nil
    }

    /// ASCII bytes, with full-width forms folded to ASCII and any other non-ASCII
    /// character as 0x80 (neither a digit, a letter nor a separator).
    static func normalized(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0..<0x80: return UInt8(scalar.value)
            case 0xff01...0xff5e: return UInt8(scalar.value - 0xfee0)
            case 0x3000: return UInt8(ascii: " ")
            case 0x3002: return UInt8(ascii: ".")
            default: return 0x80
            }
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
