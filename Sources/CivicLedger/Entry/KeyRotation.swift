extension Payload {
    /// Rotates the ledger's signing key to `vkey`. The ledger adds `sig`: the old key's
    /// Ed25519 signature over `Entry.keyRotationMessage()`. Writer JSON never has `sig`;
    /// a stored `key` entry always has it.
    public struct KeyRotation: Equatable, Sendable {
        public let vkey: String
        /// 64 bytes, present on stored entries only.
        public let signature: [UInt8]?

        init(vkey: String, signature: [UInt8]?) {
            assert(signature == nil || signature?.count == Ed25519.signatureByteCount, "an Ed25519 signature is 64 bytes")
            self.vkey = vkey
            self.signature = signature
        }

        init(reading reader: inout some FieldReading, stored: Bool) throws {
            vkey = try reader.string("vkey") { EntrySyntax.verifierKeyName($0).problem }
            guard stored else {
                signature = nil
                return
            }
            let text = try reader.string("sig")
            guard let bytes = Base64.decode(text), bytes.count == Ed25519.signatureByteCount else {
                throw reader.failure("sig", "must be base64 of a 64-byte Ed25519 signature")
            }
            signature = bytes
        }

        func write(into fields: inout [String: JSONValue], includingSignature: Bool) {
            fields["vkey"] = .string(vkey)
            if includingSignature, let signature { fields["sig"] = .string(Base64.encode(signature)) }
        }
    }
}
