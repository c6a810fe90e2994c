/// A run of digits in normalised text, and the chains of runs joined by one space or `-`
/// that a person types a phone number as (`138 1234 5678`).
struct DigitGroup: Equatable {
    let digits: ArraySlice<UInt8>
    /// A `+` right before the run (`+86`).
    let plus: Bool

    /// Every chain of groups: groups in one chain are separated by exactly one ' ' or '-'.
    static func chains(in characters: [UInt8]) -> [[DigitGroup]] {
        var chains: [[DigitGroup]] = []
        var current: [DigitGroup] = []
        var index = 0
        while index < characters.count {
            guard PersonalDataScanner.isDigit(characters[index]) else { index += 1; continue }
            let start = index
            while index < characters.count && PersonalDataScanner.isDigit(characters[index]) { index += 1 }
            let plus = start > 0 && characters[start - 1] == UInt8(ascii: "+")
            let joined = !current.isEmpty && start >= 2 && isSeparator(characters[start - 1])
                && current.last!.digits.endIndex == start - 1
            if !joined && !current.isEmpty { chains.append(current); current = [] }
            current.append(DigitGroup(digits: characters[start..<index], plus: plus))
        }
        if !current.isEmpty { chains.append(current) }
        return chains
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")
    }
}

/// A mainland mobile number: 11 digits starting 1[3-9], typed as one run (anywhere, a
/// `+86` or `0086` run into it allowed) or as a whole chain 3-4-4, optionally after a
/// country code group (`+86`, `86`, `0086`).
enum MobileNumber {
    static func matches(_ chain: [DigitGroup]) -> Bool {
        if chain.contains(where: { isMobile(Array(withoutFusedCode($0))) }) { return true }
        var groups = chain
        if groups.count == 4, isCountryCode(groups[0]) { groups.removeFirst() }
        guard groups.map(\.digits.count) == [3, 4, 4] else { return false }
        return isMobile(groups.flatMap { Array($0.digits) })
    }

    private static func isMobile(_ digits: [UInt8]) -> Bool {
        digits.count == 11 && digits[0] == UInt8(ascii: "1") && digits[1] >= UInt8(ascii: "3")
    }

    private static func isCountryCode(_ group: DigitGroup) -> Bool {
        group.digits.elementsEqual("0086".utf8) || group.digits.elementsEqual("86".utf8)
    }

    /// A run without the country code typed into it: `+86` or `0086` then 11 digits.
    private static func withoutFusedCode(_ group: DigitGroup) -> ArraySlice<UInt8> {
        let digits = group.digits
        if group.plus, digits.count == 13, digits.starts(with: "86".utf8) { return digits.dropFirst(2) }
        if digits.count == 15, digits.starts(with: "0086".utf8) { return digits.dropFirst(4) }
        return digits
    }
}
