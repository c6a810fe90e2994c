/// A C2SP tlog-cosignature/v1 verifier key (Ed25519, signature type 0x04):
/// `<name>+<8 hex key id>+<base64(0x04 ‖ public key)>`, key id = the first four bytes of
/// SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key). A witness's trust anchor.
public struct CosignatureVerifier: Hashable, Sendable {
    /// Signature type byte for Ed25519 cosignatures (C2SP tlog-cosignature).
    public static let cosignatureType: UInt8 = 0x04
    /// A cosignature is an 8-byte big-endian timestamp and a 64-byte Ed25519 signature.
    public static let signatureByteCount = 8 + Ed25519.signatureByteCount

    public let name: String
    public let keyID: UInt32
    public let publicKey: Ed25519.PublicKey

    public init(name: String, publicKey: Ed25519.PublicKey) throws {
        try NoteVerifier.checkName(name)
        self.name = name
        self.publicKey = publicKey
        self.keyID = NoteVerifier.keyID(name: name, type: CosignatureVerifier.cosignatureType, publicKey: publicKey.bytes)
    }

    /// Parses a cosignature verifier key string, splitting on the first two `+` only.
    public init(vkey: String) throws {
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw LedgerError(.invalidKey, "witness key \"\(vkey.prefix(80))\" is not name+keyid+key")
        }
        let name = String(parts[0])
        try NoteVerifier.checkName(name)
        guard parts[1].utf8.count == 8, let idBytes = Hex.decode(String(parts[1])) else {
            throw LedgerError(.invalidKey, "witness key for \(name): key id \"\(parts[1])\" is not 8 hex digits")
        }
        guard let keyBytes = Base64.decode(String(parts[2])), keyBytes.count == 33 else {
            throw LedgerError(.invalidKey, "witness key for \(name): the key is not base64 of 0x04 and 32 bytes (Ed25519 cosignature)")
        }
        guard keyBytes[0] == CosignatureVerifier.cosignatureType else {
            let hint = keyBytes[0] == NoteVerifier.ed25519Type ? ": it is a note verifier key (type 0x01), not a witness's cosignature key (type 0x04)" : ""
            throw LedgerError(.invalidKey, "witness key for \(name): signature type 0x\(Hex.encode([keyBytes[0]])) is not 0x04\(hint)")
        }
        try self.init(name: name, publicKey: try Ed25519.PublicKey(bytes: Array(keyBytes[1...])))
        guard keyID == NoteVerifier.uint32(idBytes) else {
            throw LedgerError(.invalidKey, "witness key for \(name): key id \(parts[1]) does not match the key")
        }
    }

    public var vkey: String {
        "\(name)+\(NoteVerifier.hexID(keyID))+\(Base64.encode([CosignatureVerifier.cosignatureType] + publicKey.bytes))"
    }

    /// `name+hexid`, as messages name a key.
    public var label: String { "\(name)+\(NoteVerifier.hexID(keyID))" }

    /// The signed message: `cosignature/v1\ntime <seconds>\n` and the checkpoint note text.
    public static func message(text: String, timestamp: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n".utf8) + Array(text.utf8)
    }

    /// True when `signature` is this key's (name and key id).
    public func matches(_ signature: SignedNote.Signature) -> Bool {
        signature.name == name && signature.keyID == keyID
    }

    /// The timestamp of a valid cosignature by this key over `text`, or nil when the
    /// signature is not 72 bytes, its timestamp exceeds 2^63 − 1, or it does not verify.
    /// The caller checks `matches` first.
    public func verifiedTimestamp(_ signature: SignedNote.Signature, text: String) -> UInt64? {
        let bytes = signature.signature
        guard matches(signature), bytes.count == CosignatureVerifier.signatureByteCount else { return nil }
        let timestamp = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard timestamp <= UInt64(Int64.max) else { return nil }
        let message = CosignatureVerifier.message(text: text, timestamp: timestamp)
        guard publicKey.isValidSignature(Array(bytes.dropFirst(8)), for: message) else { return nil }
        return timestamp
    }
}
