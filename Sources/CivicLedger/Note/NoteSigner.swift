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
        let (name, keyID, privateKey) = try KeyString.withPrivate(skey, type: NoteVerifier.ed25519Type) { name, keyID, seed in
            (name, keyID, try Ed25519.PrivateKey(seed: seed))
        }
        try self.init(name: name, privateKey: privateKey)
        guard verifier.keyID == keyID else {
            throw LedgerError(.invalidKey, "private key for \(name): key id \(NoteVerifier.hexID(keyID)) does not match the key")
        }
    }

    /// The private-key string. Callers write it to a 0600 file and drop it.
    public var skey: String {
        privateKey.withSeed { KeyString.privateString(name: name, keyID: verifier.keyID, type: NoteVerifier.ed25519Type, seed: $0) }
    }

    public func signature(for message: [UInt8]) throws -> [UInt8] {
        try privateKey.signature(for: message)
    }
}
