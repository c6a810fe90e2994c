/// A witness's Ed25519 cosigning key (C2SP tlog-cosignature/v1, signature type 0x04).
/// Private-key string: `PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x04 ‖ 32-byte seed)>`,
/// the note format with the cosignature type byte, so a cosigning key is never mistaken
/// for a log's signing key (type 0x01) or the other way round.
public struct CosignatureSigner: Sendable {
    private let key: TypedPrivateKey
    public var verifier: CosignatureVerifier { CosignatureVerifier(typed: key.publicKey) }
    private var privateKey: Ed25519.PrivateKey { key.privateKey }

    public var name: String { key.publicKey.name }

    public init(name: String, privateKey: Ed25519.PrivateKey) throws {
        key = try TypedPrivateKey(name: name, privateKey: privateKey, type: CosignatureVerifier.cosignatureType)
    }

    public static func generate(name: String) throws -> CosignatureSigner {
        try CosignatureSigner(name: name, privateKey: Ed25519.PrivateKey.generate())
    }

    /// Parses a private-key string. Error messages never echo the secret part.
    public init(skey: String) throws {
        key = try TypedPrivateKey(skey: skey, type: CosignatureVerifier.cosignatureType)
    }

    /// The private-key string. Callers write it to a 0600 file and drop it.
    public var skey: String { key.skey }

    /// The cosignature line over the note's text at `timestamp` (POSIX seconds, at most
    /// 2^63 − 1): 8-byte big-endian timestamp ‖ Ed25519 signature.
    public func cosignature(text: String, timestamp: UInt64) throws -> SignedNote.Signature {
        guard timestamp <= UInt64(Int64.max) else {
            throw LedgerError(.usage, "cosignature timestamp \(timestamp) is over 2^63 - 1")
        }
        try SignedNote.checkText(text)
        let signature = try privateKey.signature(for: CosignatureVerifier.message(text: text, timestamp: timestamp))
        let time = (0..<8).map { UInt8(truncatingIfNeeded: timestamp >> (56 - 8 * $0)) }
        return SignedNote.Signature(name: name, keyID: verifier.keyID, signature: time + signature)
    }
}
