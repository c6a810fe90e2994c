/// Syntax checks for the string fields of entry schema v1. Each returns a short reason
/// when the text is invalid and nil when it is valid, so callers can name the field.
enum EntrySyntax {
    /// `id`: 1…128 characters of `A-Z a-z 0-9 . _ : -`.
    static func idProblem(_ text: String) -> String? {
        var text = text
        return text.withUTF8(idProblem)
    }

    private static func idProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.count <= EntryLimits.idByteCountMax else {
            return "must be 1…\(EntryLimits.idByteCountMax) characters"
        }
        let allowed = bytes.allSatisfy { byte in
            isDigit(byte) || isUpper(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "may contain only A-Z a-z 0-9 . _ : -"
    }

    /// RFC 3339 in UTC with whole seconds: `YYYY-MM-DDTHH:MM:SSZ` (no leap second 60).
    static func timeProblem(_ text: String) -> String? {
        var text = text
        return text.withUTF8(timeProblem)
    }

    private static func timeProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let shape = "is not a UTC time YYYY-MM-DDTHH:MM:SSZ"
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return shape }
        if let problem = CivilDate.problem(utf8: UnsafeBufferPointer(rebasing: bytes[0..<10])) { return problem }
        guard let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19])
        else { return shape }
        guard hour < 24, minute < 60, second < 60 else { return "is not a valid time of day" }
        return nil
    }

    /// A checkpoint origin, and the name of the ledger's keys: a schema-less URL from a safe
    /// set, `host(/segment)*` with host `[A-Za-z0-9.-]` and segments `[A-Za-z0-9._~-]`,
    /// starting with a letter or digit, at most 255 bytes. Nothing a shell, HTML or a
    /// spreadsheet treats specially can appear in it, wherever it is printed.
    static func originProblem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= originByteCountMax else { return "must be 1…\(originByteCountMax) bytes" }
        guard isDigit(bytes[0]) || isLetter(bytes[0]) else { return "must start with a letter or a digit" }
        let segments = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard segments[0].allSatisfy({ isDigit($0) || isLetter($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) else {
            return "must be a host of A-Z a-z 0-9 . - (then /path segments)"
        }
        for segment in segments.dropFirst() {
            guard !segment.isEmpty, segment.allSatisfy({ isDigit($0) || isLetter($0) || "._~-".utf8.contains($0) }) else {
                return "path segments must be non-empty A-Z a-z 0-9 . _ ~ -"
            }
        }
        return nil
    }

    static let originByteCountMax = 255

    /// A signed-note verifier key (`KeyString` syntax, key id matching the key): the key
    /// name when valid, else the problem.
    static func verifierKeyName(_ text: String) -> (name: String?, problem: String?) {
        do {
            let name = try NoteVerifier(vkey: text).name
            if let problem = originProblem(name) { return (nil, "verifier key name \(problem)") }
            return (name, nil)
        } catch let error as LedgerError {
            return (nil, error.message)
        } catch {
            return (nil, "is not a verifier key")
        }
    }

    /// A unified social credit code (GB 32100-2015): 18 characters of 0-9 and A-Z except
    /// I, O, Z, S, V. The check digit is left to the audit rules.
    static func usccProblem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else { return "a unified social credit code has 18 characters" }
        let forbidden: Set<UInt8> = [UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "Z"), UInt8(ascii: "S"), UInt8(ascii: "V")]
        guard bytes.allSatisfy({ isDigit($0) || (isUpper($0) && !forbidden.contains($0)) }) else {
            return "may contain only 0-9 and A-Z except I O Z S V"
        }
        return nil
    }

    /// A 6-digit administrative division code (GB/T 2260).
    static func regionCodeProblem(_ text: String) -> String? {
        text.utf8.count == 6 && text.utf8.allSatisfy(isDigit) ? nil : "is not a 6-digit division code"
    }

    /// 64 lower-case hex digits (a SHA-256 digest).
    static func digestHexProblem(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { $0.count == 64 && $0.allSatisfy(isLowerHex) } ? nil : "must be 64 lower-case hex digits"
    }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) }
}

extension EntryBody {
    /// Why `text` cannot be a ledger origin (the safe set of `EntrySyntax.originProblem`), or nil.
    public static func originProblem(_ text: String) -> String? {
        EntrySyntax.originProblem(text)
    }
}
