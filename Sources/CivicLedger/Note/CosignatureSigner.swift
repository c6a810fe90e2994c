/// A witness's Ed25519 cosigning key (C2SP tlog-cosignature/v1, signature type 0x04).
/// Private-key string: `PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x04 ‖ 32-byte seed)>`,
/// the note format with the cosignature type byte, so a cosigning key is never mistaken
/// for a log's signing key (type 0x01) or the other way round.
public struct CosignatureSigner: Sendable {
    public let verifier: CosignatureVerifier
    private let privateKey: Ed25519.PrivateKey

    public var name: String { verifier.name }

    public init(name: String, privateKey: Ed25519.PrivateKey) throws {
        self.privateKey = privateKey
        self.verifier = try CosignatureVerifier(name: name, publicKey: privateKey.publicKey)
    }

    public static func generate(name: String) throws -> CosignatureSigner {
        try CosignatureSigner(name: name, privateKey: Ed25519.PrivateKey.generate())
    }

    /// Parses a private-key string. Error messages never echo the secret part.
    public init(skey: String) throws {
        let parts = skey.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw LedgerError(.invalidKey, "not a private key (expected PRIVATE+KEY+name+keyid+key)")
        }
        let name = String(parts[2])
        guard parts[3].utf8.count == 8, let idBytes = Hex.decode(String(parts[3])) else {
            throw LedgerError(.invalidKey, "private key for \(name): key id is not 8 hex digits")
        }
        guard var keyBytes = Base64.decode(String(parts[4])) else {
            throw LedgerError(.invalidKey, "private key for \(name): the key is not base64")
        }
        defer { keyBytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        guard keyBytes.count == 33, keyBytes[0] == CosignatureVerifier.cosignatureType else {
            let hint = keyBytes.first == NoteVerifier.ed25519Type ? ": it is a log signing key (type 0x01), not a witness key" : ""
            throw LedgerError(.invalidKey, "private key for \(name): not a cosigning key (base64 of 0x04 and a 32-byte seed)\(hint)")
        }
        try self.init(name: name, privateKey: Ed25519.PrivateKey(seed: Array(keyBytes[1...])))
        guard verifier.keyID == NoteVerifier.uint32(idBytes) else {
            throw LedgerError(.invalidKey, "private key for \(name): key id \(parts[3]) does not match the key")
        }
    }

    /// The private-key string. Callers write it to a 0600 file and drop it.
    public var skey: String {
        privateKey.withSeed { seed in
            var material = [CosignatureVerifier.cosignatureType] + Array(seed)
            defer { material.withUnsafeMutableBytes { Cleanse.bytes($0) } }
            return "PRIVATE+KEY+\(name)+\(NoteVerifier.hexID(verifier.keyID))+\(Base64.encode(material))"
        }
    }

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
