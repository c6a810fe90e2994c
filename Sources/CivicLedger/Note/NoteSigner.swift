/// An Ed25519 signer for signed notes, with the private-key string format of Go's
/// golang.org/x/mod/sumdb/note: `PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 ‖ seed)>`,
/// so keys move between this tool and the Go ecosystem unchanged.
public struct NoteSigner: Sendable {
    public let verifier: NoteVerifier
    private let privateKey: Ed25519.PrivateKey

    public var name: String { verifier.name }

    public init(name: String, privateKey: Ed25519.PrivateKey) throws {
        self.privateKey = privateKey
        self.verifier = try NoteVerifier(name: name, publicKey: privateKey.publicKey)
    }

    public static func generate(name: String) throws -> NoteSigner {
        try NoteSigner(name: name, privateKey: Ed25519.PrivateKey.generate())
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
        guard var keyBytes = Base64.decode(String(parts[4])), keyBytes.count == 33,
              keyBytes[0] == NoteVerifier.ed25519Type else {
            let hint = parts[4].hasPrefix("B") ? "; it may be a witness's cosigning key (type 0x04)" : ""
            throw LedgerError(.invalidKey, "private key for \(name): not an Ed25519 key (base64 of 0x01 and a 32-byte seed)\(hint)")
        }
        defer { keyBytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        try self.init(name: name, privateKey: Ed25519.PrivateKey(seed: Array(keyBytes[1...])))
        guard verifier.keyID == NoteVerifier.uint32(idBytes) else {
            throw LedgerError(.invalidKey, "private key for \(name): key id \(parts[3]) does not match the key")
        }
    }

    /// The private-key string. Callers write it to a 0600 file and drop it.
    public var skey: String {
        privateKey.withSeed { seed in
            var material = [NoteVerifier.ed25519Type] + Array(seed)
            defer { material.withUnsafeMutableBytes { Cleanse.bytes($0) } }
            return "PRIVATE+KEY+\(name)+\(NoteVerifier.hexID(verifier.keyID))+\(Base64.encode(material))"
        }
    }

    public func signature(for message: [UInt8]) throws -> [UInt8] {
        try privateKey.signature(for: message)
    }
}
