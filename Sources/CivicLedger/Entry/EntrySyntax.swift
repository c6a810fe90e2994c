/// Syntax checks for the string fields of entry schema v1. Each returns a short reason
/// when the text is invalid and nil when it is valid, so callers can name the field.
enum EntrySyntax {
    /// `id`: 1…128 characters of `A-Z a-z 0-9 . _ : -`.
    static func idProblem(_ text: String) -> String? {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= EntryLimits.idByteCountMax else {
            return "must be 1…\(EntryLimits.idByteCountMax) characters"
        }
        let allowed = bytes.allSatisfy { byte in
            isDigit(byte) || isUpper(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "\"\(text)\" may contain only A-Z a-z 0-9 . _ : -"
    }

    /// RFC 3339 in UTC with whole seconds: `YYYY-MM-DDTHH:MM:SSZ` (no leap second 60).
    static func timeProblem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let shape = "\"\(text)\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ"
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return shape }
        if let problem = CivilDate.problem(String(decoding: bytes[0..<10], as: UTF8.self)) { return "\"\(text)\" \(problem)" }
        guard let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19])
        else { return shape }
        guard hour < 24, minute < 60, second < 60 else { return "\"\(text)\" is not a valid time of day" }
        return nil
    }

    /// A checkpoint origin (and signed-note key name): non-empty, no whitespace, no `+`.
    static func originProblem(_ text: String) -> String? {
        guard !text.isEmpty else { return "must not be empty" }
        for scalar in text.unicodeScalars {
            if scalar == "+" { return "must not contain '+'" }
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7f {
                return "must not contain whitespace or control characters"
            }
        }
        return nil
    }

    /// A signed-note verifier key `name+hexkeyid+base64(0x01‖pubkey)` whose key id is
    /// `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pubkey)[:4]`. Returns the key name when valid.
    static func verifierKeyName(_ text: String) -> (name: String?, problem: String?) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return (nil, "a verifier key is name+keyid+key") }
        let name = String(parts[0])
        if let problem = originProblem(name) { return (nil, "verifier key name \(problem)") }
        guard parts[1].utf8.count == 8, parts[1].utf8.allSatisfy(isLowerHex), let keyID = Hex.decode(String(parts[1])) else {
            return (nil, "verifier key id must be 8 lower-case hex digits")
        }
        guard let key = Base64.decode(String(parts[2])), key.count == 1 + Ed25519.publicKeyByteCount, key[0] == 0x01 else {
            return (nil, "verifier key must be base64 of 0x01 and a 32-byte Ed25519 public key")
        }
        let digest = SHA256.hash(Array(name.utf8) + [0x0a] + key)
        guard Array(digest.bytes.prefix(4)) == keyID else { return (nil, "verifier key id does not match the key") }
        return (name, nil)
    }

    /// A unified social credit code (GB 32100-2015): 18 characters of 0-9 and A-Z except
    /// I, O, Z, S, V. The check digit is left to the audit rules.
    static func usccProblem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else { return "a unified social credit code has 18 characters" }
        let forbidden: Set<UInt8> = [UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "Z"), UInt8(ascii: "S"), UInt8(ascii: "V")]
        guard bytes.allSatisfy({ isDigit($0) || (isUpper($0) && !forbidden.contains($0)) }) else {
            return "\"\(text)\" may contain only 0-9 and A-Z except I O Z S V"
        }
        return nil
    }

    /// A 6-digit administrative division code (GB/T 2260).
    static func regionCodeProblem(_ text: String) -> String? {
        text.utf8.count == 6 && text.utf8.allSatisfy(isDigit) ? nil : "\"\(text)\" is not a 6-digit division code"
    }

    /// 64 lower-case hex digits (a SHA-256 digest).
    static func digestHexProblem(_ text: String) -> String? {
        text.utf8.count == 64 && text.utf8.allSatisfy(isLowerHex) ? nil : "must be 64 lower-case hex digits"
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) }
}
