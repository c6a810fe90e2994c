/// E-mail addresses in normalised text: a local-part character, `@`, a domain with a dot
/// and a top-level label of two or more letters.
enum EmailAddress {
    static func occurs(in bytes: [UInt8]) -> Bool {
        for (at, byte) in bytes.enumerated() where byte == UInt8(ascii: "@") {
            guard at > 0, isLocal(bytes[at - 1]) else { continue }
            var end = at + 1
            while end < bytes.count && isDomain(bytes[end]) { end += 1 }
            let domain = bytes[(at + 1)..<end]
            guard let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot > at + 1 else { continue }
            let topLevel = bytes[(dot + 1)..<end]
            if topLevel.count >= 2 && topLevel.allSatisfy(isLetter) { return true }
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a }

    private static func isDomain(_ byte: UInt8) -> Bool {
        PersonalDataScanner.isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_")
    }

    private static func isLocal(_ byte: UInt8) -> Bool {
        isDomain(byte) || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+")
    }
}
