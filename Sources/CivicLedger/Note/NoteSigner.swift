/// An Ed25519 signer for signed notes, with the private-key string format of Go's
/// golang.org/x/mod/sumdb/note: `PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 ‖ seed)>`,
/// so keys move between this tool and the Go ecosystem unchanged.
public struct NoteSigner: Sendable {
    private let key: TypedPrivateKey
    public var verifier: NoteVerifier { NoteVerifier(typed: key.publicKey) }
    private var privateKey: Ed25519.PrivateKey { key.privateKey }

    public var name: String { key.publicKey.name }

    public init(name: String, privateKey: Ed25519.PrivateKey) throws {
        key = try TypedPrivateKey(name: name, privateKey: privateKey, type: NoteVerifier.ed25519Type)
    }

    public static func generate(name: String) throws -> NoteSigner {
        try NoteSigner(name: name, privateKey: Ed25519.PrivateKey.generate())
    }

    /// Parses a private-key string. Error messages never echo the secret part.
    public init(skey: String) throws {
        key = try TypedPrivateKey(skey: skey, type: NoteVerifier.ed25519Type)
    }

    /// The private-key string. Callers write it to a 0600 file and drop it.
    public var skey: String { key.skey }

    public func signature(for message: [UInt8]) throws -> [UInt8] {
        try privateKey.signature(for: message)
    }
}
