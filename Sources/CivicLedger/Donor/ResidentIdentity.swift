/// Resident identity numbers (GB 11643) in normalised text, bounded by non-digits: 17
/// digits and a check character (ISO 7064 MOD 11-2; `X` or `x` for 10), or the 15-digit
/// numbers issued before 1999 (6-digit region, `yymmdd` birth date in the 1900s, 3-digit
/// sequence; no check digit, so a valid birth date is what sets them apart from other
/// 15-digit numbers).
enum ResidentIdentity {
    static func occurs(in characters: [UInt8]) -> Bool {
        var index = 0
        while index < characters.count {
            guard PersonalDataScanner.isDigit(characters[index]) else { index += 1; continue }
            var end = index
            while end < characters.count && PersonalDataScanner.isDigit(characters[end]) { end += 1 }
            let run = Array(characters[index..<end])
            let next = end < characters.count ? characters[end] : nil
            if run.count == 17, let next, next == UInt8(ascii: "X") || next == UInt8(ascii: "x"),
               isEighteen(run + [UInt8(ascii: "X")]) { return true }
            if run.count == 18, isEighteen(run) { return true }
            if run.count == 15, isFifteen(run) { return true }
            index = end
        }
        return false
    }

    /// GB 11643: weights 2^(17−i) mod 11; check = (12 − Σ mod 11) mod 11, 10 written X.
    static func isEighteen(_ characters: [UInt8]) -> Bool {
        guard characters.count == 18 else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (position, weight) in weights.enumerated() { sum += Int(characters[position] - 0x30) * weight }
        let check = (12 - sum % 11) % 11
        let last = characters[17]
        return check == 10 ? last == UInt8(ascii: "X") : Int(last) - 0x30 == check
    }

    /// A region code starting 1…8 and a real date 19yy-mm-dd at positions 7…12.
    static func isFifteen(_ digits: [UInt8]) -> Bool {
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        guard digits[0] >= UInt8(ascii: "1"), digits[0] <= UInt8(ascii: "8") else { return false }
        let year = 1900 + number(6..<8), month = number(8..<10), day = number(10..<12)
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && year != 1900
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
