/// The key strings of C2SP signed notes, shared by a log's signing keys (type 0x01) and a
/// witness's cosigning keys (type 0x04): `<name>+<8 hex key id>+<base64(type ‖ 32 bytes)>`
/// for a verifier key, and Go's `PRIVATE+KEY+<name>+<8 hex key id>+<base64(type ‖ seed)>`
/// for a private key. The type byte keeps one kind of key from passing for the other.
/// The one home of key-name and key syntax: checkpoint origins, genesis and key-rotation
/// `vkey` fields, witness keys and `--vkey` arguments all go through it.
public enum KeyString {
    /// Key names (and so checkpoint origins) are at most this many UTF-8 bytes.
    public static let nameByteCountMax = 200

    /// Why `name` cannot be a key name, or nil: 1…200 UTF-8 bytes with no `+`, no
    /// whitespace and no control character (C2SP signed-note). Does not echo the name.
    public static func nameProblem(_ name: String) -> String? {
        guard !name.isEmpty, name.utf8.count <= nameByteCountMax else { return "must be 1 to \(nameByteCountMax) bytes" }
        for scalar in name.unicodeScalars {
            if scalar == "+" { return "must not contain '+'" }
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7f {
                return "must not contain whitespace or control characters"
            }
        }
        return nil
    }

    static func kindName(_ type: UInt8) -> String {
        switch type {
        case NoteVerifier.ed25519Type: "a log's signing key (type 0x01)"
        case CosignatureVerifier.cosignatureType: "a witness's cosigning key (type 0x04)"
        default: "a key of type 0x\(Hex.encode([type]))"
        }
    }

    /// Parses a verifier key of `type`, splitting on the first two `+` only. `what` names
    /// the key in messages ("verifier key", "witness key").
    static func parsePublic(_ text: String, type: UInt8, what: String) throws -> (name: String, keyID: UInt32, key: [UInt8]) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw LedgerError(.invalidKey, "\(what) \"\(text.prefix(80))\" is not name+keyid+key")
        }
        let name = String(parts[0])
        try NoteVerifier.checkName(name)
        let keyID = try parseKeyID(parts[1], name: name, what: what)
        guard let bytes = Base64.decode(String(parts[2])), bytes.count == 33 else {
            throw LedgerError(.invalidKey, "\(what) for \(name): the key is not base64 of a type byte and 32 bytes (Ed25519)")
        }
        try checkType(bytes[0], expected: type, name: name, what: what)
        return (name, keyID, Array(bytes[1...]))
    }

    /// Parses a private key of `type` and lends its seed to `body`; the decoded bytes are
    /// wiped afterwards, and no message ever quotes the secret part.
    static func withPrivate<Result>(_ text: String, type: UInt8,
                                    _ body: (_ name: String, _ keyID: UInt32, _ seed: [UInt8]) throws -> Result) throws -> Result {
        let parts = text.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw LedgerError(.invalidKey, "not a private key (expected PRIVATE+KEY+name+keyid+key)")
        }
        let name = String(parts[2])
        let keyID = try parseKeyID(parts[3], name: name, what: "private key")
        guard var bytes = Base64.decode(String(parts[4])) else {
            throw LedgerError(.invalidKey, "private key for \(name): the key is not base64")
        }
        defer { bytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        guard bytes.count == 33 else {
            throw LedgerError(.invalidKey, "private key for \(name): not a type byte and a 32-byte Ed25519 seed")
        }
        try checkType(bytes[0], expected: type, name: name, what: "private key")
        var seed = Array(bytes[1...])
        defer { seed.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        return try body(name, keyID, seed)
    }

    static func publicString(name: String, keyID: UInt32, type: UInt8, key: [UInt8]) -> String {
        "\(name)+\(NoteVerifier.hexID(keyID))+\(Base64.encode([type] + key))"
    }

    static func privateString(name: String, keyID: UInt32, type: UInt8, seed: UnsafeBufferPointer<UInt8>) -> String {
        var material = [type] + Array(seed)
        defer { material.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        return "PRIVATE+KEY+\(name)+\(NoteVerifier.hexID(keyID))+\(Base64.encode(material))"
    }

    private static func parseKeyID(_ text: Substring, name: String, what: String) throws -> UInt32 {
        // Lower case only, as C2SP and `publicString` write it: one key, one spelling.
        guard text.utf8.count == 8, text.utf8.allSatisfy(EntrySyntax.isLowerHex), let bytes = Hex.decode(String(text)) else {
            throw LedgerError(.invalidKey, "\(what) for \(name): key id \"\(text.prefix(16))\" is not 8 lower-case hex digits")
        }
        return NoteVerifier.uint32(bytes)
    }

    private static func checkType(_ type: UInt8, expected: UInt8, name: String, what: String) throws {
        guard type == expected else {
            throw LedgerError(.invalidKey, "\(what) for \(name): it is \(kindName(type)), not \(kindName(expected))")
        }
    }
}
