/// A C2SP tlog-cosignature/v1 verifier key (Ed25519, signature type 0x04):
/// `<name>+<8 hex key id>+<base64(0x04 ‖ public key)>`, key id = the first four bytes of
/// SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key). A witness's trust anchor.
public struct CosignatureVerifier: Hashable, Sendable {
    /// Signature type byte for Ed25519 cosignatures (C2SP tlog-cosignature).
    public static let cosignatureType: UInt8 = 0x04
    /// A cosignature is an 8-byte big-endian timestamp and a 64-byte Ed25519 signature.
    public static let signatureByteCount = 8 + Ed25519.signatureByteCount

    let key: TypedPublicKey
    public var name: String { key.name }
    public var keyID: UInt32 { key.keyID }
    public var publicKey: Ed25519.PublicKey { key.publicKey }
    init(typed key: TypedPublicKey) { self.key = key }

    public init(name: String, publicKey: Ed25519.PublicKey) throws {
        key = try TypedPublicKey(name: name, publicKey: publicKey, type: CosignatureVerifier.cosignatureType)
    }

    /// Parses a cosignature verifier key string, splitting on the first two `+` only.
    public init(vkey: String) throws {
        key = try TypedPublicKey(vkey: vkey, type: CosignatureVerifier.cosignatureType, what: "witness key")
    }

    public var vkey: String { key.vkey }

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
