/// What a log's signing key (type 0x01) and a witness's cosigning key (type 0x04) share:
/// name, key id and public key, the verifier-key string, and the private-key string. The
/// type byte is part of the key id, so one kind of key never passes for the other.
struct TypedPublicKey: Hashable, Sendable {
    let type: UInt8
    let name: String
    let keyID: UInt32
    let publicKey: Ed25519.PublicKey

    init(name: String, publicKey: Ed25519.PublicKey, type: UInt8) throws {
        try NoteVerifier.checkName(name)
        self.type = type
        self.name = name
        self.publicKey = publicKey
        self.keyID = NoteVerifier.keyID(name: name, type: type, publicKey: publicKey.bytes)
    }

    /// Parses `name+keyid+key`; `what` names the key in messages.
    init(vkey: String, type: UInt8, what: String) throws {
        let parsed = try KeyString.parsePublic(vkey, type: type, what: what)
        try self.init(name: parsed.name, publicKey: try Ed25519.PublicKey(bytes: parsed.key), type: type)
        guard keyID == parsed.keyID else {
            throw LedgerError(.invalidKey, "\(what) for \(name): key id \(NoteVerifier.hexID(parsed.keyID)) does not match the key")
        }
    }

    var vkey: String {
        KeyString.publicString(name: name, keyID: keyID, type: type, key: publicKey.bytes)
    }
}

/// A private key of one type with its public half.
struct TypedPrivateKey: Sendable {
    let publicKey: TypedPublicKey
    let privateKey: Ed25519.PrivateKey

    init(name: String, privateKey: Ed25519.PrivateKey, type: UInt8) throws {
        self.privateKey = privateKey
        self.publicKey = try TypedPublicKey(name: name, publicKey: privateKey.publicKey, type: type)
    }

    /// Parses a private-key string. Error messages never echo the secret part.
    init(skey: String, type: UInt8) throws {
        let (name, keyID, privateKey) = try KeyString.withPrivate(skey, type: type) { name, keyID, seed in
            (name, keyID, try Ed25519.PrivateKey(seed: seed))
        }
        try self.init(name: name, privateKey: privateKey, type: type)
        guard publicKey.keyID == keyID else {
            throw LedgerError(.invalidKey, "private key for \(name): key id \(NoteVerifier.hexID(keyID)) does not match the key")
        }
    }

    var skey: String {
        privateKey.withSeed {
            KeyString.privateString(name: publicKey.name, keyID: publicKey.keyID, type: publicKey.type, seed: $0)
        }
    }
}
