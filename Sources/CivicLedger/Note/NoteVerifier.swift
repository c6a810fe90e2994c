/// A C2SP signed-note verifier key: `<name>+<8 hex key id>+<base64(0x01 ‖ public key)>`.
/// This is the trust anchor an auditor passes on the command line.
public struct NoteVerifier: Hashable, Sendable {
    /// Signature type byte for Ed25519 signed notes (C2SP signed-note).
    public static let ed25519Type: UInt8 = 0x01

    let key: TypedPublicKey
    public var name: String { key.name }
    public var keyID: UInt32 { key.keyID }
    public var publicKey: Ed25519.PublicKey { key.publicKey }
    init(typed key: TypedPublicKey) { self.key = key }

    public init(name: String, publicKey: Ed25519.PublicKey) throws {
        key = try TypedPublicKey(name: name, publicKey: publicKey, type: NoteVerifier.ed25519Type)
    }

    /// Parses a verifier key string, splitting on the first two `+` only.
    public init(vkey: String) throws {
        key = try TypedPublicKey(vkey: vkey, type: NoteVerifier.ed25519Type, what: "verifier key")
    }

    public var vkey: String { key.vkey }

    /// Key id: the first four bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key).
    public static func keyID(name: String, type: UInt8, publicKey: [UInt8]) -> UInt32 {
        let digest = SHA256.hash(Array(name.utf8) + [0x0a, type] + publicKey)
        return uint32(Array(digest.bytes.prefix(4)))
    }

    /// A key name is non-empty UTF-8 with no whitespace and no `+` (C2SP signed-note).
    public static func checkName(_ name: String) throws {
        if let problem = KeyString.nameProblem(name) { throw LedgerError(.invalidKey, "key name \(problem)") }
    }

    static func hexID(_ id: UInt32) -> String {
        Hex.encode([UInt8(id >> 24), UInt8(id >> 16 & 0xff), UInt8(id >> 8 & 0xff), UInt8(id & 0xff)])
    }

    static func uint32(_ bytes: [UInt8]) -> UInt32 {
        precondition(bytes.count == 4, "a key id is four bytes")
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
