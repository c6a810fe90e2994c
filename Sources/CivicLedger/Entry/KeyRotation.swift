extension Payload {
    /// Rotates the ledger's signing key to `vkey`. The ledger adds two signatures over the
    /// same canonical entry without them: `sig` by the previous key (it hands over) and
    /// `new_sig` by the new key (whoever rotates holds it). Writer JSON has neither; a stored
    /// `key` entry always has both (`Entry.keyRotationMessage`, `Entry.keyPossessionMessage`).
    public struct KeyRotation: Equatable, Sendable {
        public let vkey: String
        /// 64 bytes by the previous key, present on stored entries only.
        public let signature: [UInt8]?
        /// 64 bytes by the new key (`vkey`), present on stored entries only.
        public let newKeySignature: [UInt8]?

        init(vkey: String, signature: [UInt8]?, newKeySignature: [UInt8]?) {
            assert(signature == nil || signature?.count == Ed25519.signatureByteCount, "an Ed25519 signature is 64 bytes")
            assert((signature == nil) == (newKeySignature == nil), "a key entry has both signatures or neither")
            self.vkey = vkey
            self.signature = signature
            self.newKeySignature = newKeySignature
        }

        init(reading reader: inout some FieldReading, stored: Bool) throws {
            vkey = try reader.string("vkey") { EntrySyntax.verifierKeyName($0).problem }
            guard stored else {
                signature = nil
                newKeySignature = nil
                return
            }
            newKeySignature = try KeyRotation.signature(&reader, "new_sig")
            signature = try KeyRotation.signature(&reader, "sig")
        }

        private static func signature(_ reader: inout some FieldReading, _ name: String) throws -> [UInt8] {
            let text = try reader.string(name)
            guard let bytes = Base64.decode(text), bytes.count == Ed25519.signatureByteCount else {
                throw reader.failure(name, "must be base64 of a 64-byte Ed25519 signature")
            }
            return bytes
        }

        func write(into fields: inout [String: JSONValue], includingSignature: Bool) {
            fields["vkey"] = .string(vkey)
            guard includingSignature, let signature, let newKeySignature else { return }
            fields["sig"] = .string(Base64.encode(signature))
            fields["new_sig"] = .string(Base64.encode(newKeySignature))
        }
    }
}
