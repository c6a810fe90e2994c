/// A C2SP signed-note verifier key: `<name>+<8 hex key id>+<base64(0x01 ‖ public key)>`.
/// This is the trust anchor an auditor passes on the command line.
public struct NoteVerifier: Hashable, Sendable {
    /// Signature type byte for Ed25519 signed notes (C2SP signed-note).
    public static let ed25519Type: UInt8 = 0x01

    public let name: String
    public let keyID: UInt32
    public let publicKey: Ed25519.PublicKey

    public init(name: String, publicKey: Ed25519.PublicKey) throws {
        try NoteVerifier.checkName(name)
        self.name = name
        self.publicKey = publicKey
        self.keyID = NoteVerifier.keyID(name: name, type: NoteVerifier.ed25519Type, publicKey: publicKey.bytes)
    }

    /// Parses a verifier key string, splitting on the first two `+` only.
    public init(vkey: String) throws {
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw LedgerError(.invalidKey, "verifier key \"\(vkey.prefix(80))\" is not name+keyid+key")
        }
        let name = String(parts[0])
        try NoteVerifier.checkName(name)
        guard parts[1].utf8.count == 8, let idBytes = Hex.decode(String(parts[1])) else {
            throw LedgerError(.invalidKey, "verifier key for \(name): key id \"\(parts[1])\" is not 8 hex digits")
        }
        guard let keyBytes = Base64.decode(String(parts[2])), keyBytes.count == 33,
              keyBytes[0] == NoteVerifier.ed25519Type else {
            let hint = Base64.decode(String(parts[2]))?.first == CosignatureVerifier.cosignatureType
                ? ": it is a witness's cosignature key (type 0x04)" : ""
            throw LedgerError(.invalidKey, "verifier key for \(name): the key is not base64 of 0x01 and 32 bytes (Ed25519)\(hint)")
        }
        let publicKey = try Ed25519.PublicKey(bytes: Array(keyBytes[1...]))
        try self.init(name: name, publicKey: publicKey)
        guard keyID == NoteVerifier.uint32(idBytes) else {
            throw LedgerError(.invalidKey, "verifier key for \(name): key id \(parts[1]) does not match the key")
        }
    }

    public var vkey: String {
        "\(name)+\(NoteVerifier.hexID(keyID))+\(Base64.encode([NoteVerifier.ed25519Type] + publicKey.bytes))"
    }

    /// Key id: the first four bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key).
    public static func keyID(name: String, type: UInt8, publicKey: [UInt8]) -> UInt32 {
        let digest = SHA256.hash(Array(name.utf8) + [0x0a, type] + publicKey)
        return uint32(Array(digest.bytes.prefix(4)))
    }

    /// A key name is non-empty UTF-8 with no whitespace and no `+` (C2SP signed-note).
    public static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count <= 200 else {
            throw LedgerError(.invalidKey, "key name must be 1 to 200 bytes")
        }
        for scalar in name.unicodeScalars where scalar == "+" || scalar.properties.isWhitespace || scalar.value < 0x20 {
            throw LedgerError(.invalidKey, "key name \"\(name)\" contains a space, a control character or '+'")
        }
    }

    static func hexID(_ id: UInt32) -> String {
        Hex.encode([UInt8(id >> 24), UInt8(id >> 16 & 0xff), UInt8(id >> 8 & 0xff), UInt8(id & 0xff)])
    }

    static func uint32(_ bytes: [UInt8]) -> UInt32 {
        precondition(bytes.count == 4, "a key id is four bytes")
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
