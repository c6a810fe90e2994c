/// Finds the personal data STD-PII keeps out of the public log, in the forms people type:
/// mainland mobile numbers (`13812345678`, `138-1234-5678`, `138 1234 5678`, with `+86`,
/// `86` or `0086` before them), resident identity numbers (18 characters with a valid
/// ISO 7064 MOD 11-2 check, `X` or `x`; 15-digit numbers from before 1999 with a valid
/// birth date) and e-mail addresses. Full-width forms (`０`–`９`, `＠`, `．`, `－`, `＋`,
/// the ideographic space and full stop) count as their ASCII twins.
public enum PersonalDataScanner {
    /// A cheap screen over a whole entry's bytes: false when no `@` or `＠` and no run of 11
    /// digits (ASCII or full-width; spaces, `-` and `+` between them allowed) occurs
    /// anywhere, in which case no field can hold what `problem` looks for. Other Chinese
    /// text and punctuation (`，`, `。`) does not defeat the screen.
    public static func mightHoldPersonalData(_ bytes: [UInt8]) -> Bool {
        var digits = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var width = 1
            var isDigit = byte >= 0x30 && byte <= 0x39
            var isSeparator = byte == 0x20 || byte == 0x2d || byte == 0x2b
            if byte == 0x40 { return true }
            if byte == 0xef, index + 2 < bytes.count, bytes[index + 1] == 0xbc {
                // U+FF00…U+FF3F: ０-９ (EF BC 90…99), ＠ (EF BC A0), ＋ and － (EF BC 8B, 8D).
                let last = bytes[index + 2]
                if last == 0xa0 { return true }
                width = 3
                isDigit = last >= 0x90 && last <= 0x99
                isSeparator = last == 0x8b || last == 0x8d
            } else if byte == 0xe3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
                width = 3  // the ideographic space U+3000
                isSeparator = true
            }
            if isDigit {
                digits += 1
                if digits >= 11 { return true }
            } else if !isSeparator {
                digits = 0
            }
            index += width
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
