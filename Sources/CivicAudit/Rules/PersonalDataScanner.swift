/// Finds personal data in free text (STD-PII): a resident identity number (17 digits and a
/// check character that passes ISO 7064 MOD 11-2), a mainland mobile number (11 digits,
/// 1[3-9]…), or an e-mail address. Digit runs are taken whole, so a longer number that
/// merely contains 11 digits is not a phone number.
enum PersonalDataScanner {
    /// A cheap screen over a whole entry: false when no '@' and no run of 11 or more digits
    /// occurs anywhere in it, in which case no field can hold what `problem` looks for.
    static func mightHoldPersonalData(_ bytes: [UInt8]) -> Bool {
        var run = 0
        for byte in bytes {
            if isDigit(byte) {
                run += 1
                if run >= 11 { return true }
            } else {
                if byte == 0x40 { return true }
                run = 0
            }
        }
        return false
    }

    static func problem(in text: String) -> String? {
        let bytes = Array(text.utf8)
        if let kind = digitRunProblem(bytes) { return kind }
        if hasEmail(bytes) { return "an e-mail address" }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func digitRunProblem(_ bytes: [UInt8]) -> String? {
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count && isDigit(bytes[end]) { end += 1 }
            let run = Array(bytes[index..<end])
            if run.count == 11, run[0] == 0x31, run[1] >= 0x33 { return "a mobile number" }
            if run.count == 17, end < bytes.count, bytes[end] == 0x58 || bytes[end] == 0x78,
               isResidentID(run + [0x58]) { return "a resident identity number" }
            if run.count == 18, isResidentID(run) { return "a resident identity number" }
            index = end
        }
        return nil
    }

    /// GB 11643: weights 2^(17−i) mod 11; check = (12 − Σ mod 11) mod 11, 10 written X.
    static func isResidentID(_ characters: [UInt8]) -> Bool {
        guard characters.count == 18 else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (position, weight) in weights.enumerated() { sum += Int(characters[position] - 0x30) * weight }
        let check = (12 - sum % 11) % 11
        let last = characters[17]
        return check == 10 ? (last == 0x58 || last == 0x78) : Int(last) - 0x30 == check
    }

    private static func hasEmail(_ bytes: [UInt8]) -> Bool {
        func isLocal(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a) || byte == 0x2e || byte == 0x5f || byte == 0x25
                || byte == 0x2b || byte == 0x2d
        }
        for (at, byte) in bytes.enumerated() where byte == 0x40 {
            guard at > 0, isLocal(bytes[at - 1]) else { continue }
            var end = at + 1
            while end < bytes.count && (isLocal(bytes[end]) && bytes[end] != 0x2b && bytes[end] != 0x25) { end += 1 }
            let domain = bytes[(at + 1)..<end]
            guard let dot = domain.lastIndex(of: 0x2e), dot > at + 1 else { continue }
            let topLevel = bytes[(dot + 1)..<end]
            if topLevel.count >= 2 && topLevel.allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7a }) { return true }
        }
        return false
    }
}
