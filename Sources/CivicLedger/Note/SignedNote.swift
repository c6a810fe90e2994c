/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one line per
/// signature, `— <key name> <base64(4-byte key id ‖ signature)>`.
public struct SignedNote: Equatable, Sendable {
    /// Verifiers refuse notes with more signature lines than this (C2SP signed-note).
    public static let signatureCountMax = 16
    /// A note longer than this is refused before any parsing.
    public static let byteCountMax = 1 << 16

    public struct Signature: Equatable, Sendable {
        public let name: String
        public let keyID: UInt32
        /// The bytes after the key id: 64 for Ed25519, 72 for a cosignature.
        public let signature: [UInt8]

        public init(name: String, keyID: UInt32, signature: [UInt8]) {
            self.name = name
            self.keyID = keyID
            self.signature = signature
        }

        public var line: String {
            let id = [UInt8(keyID >> 24), UInt8(keyID >> 16 & 0xff), UInt8(keyID >> 8 & 0xff), UInt8(keyID & 0xff)]
            return "\u{2014} \(name) \(Base64.encode(id + signature))\n"
        }
    }

    /// The signed bytes: the text including its final newline.
    public let text: String
    public let signatures: [Signature]

    public init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The note's exact bytes.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Signs `text` with each signer. The text must already be a valid note text.
    public static func sign(text: String, signers: [NoteSigner]) throws -> SignedNote {
        try checkText(text)
        let message = Array(text.utf8)
        let signatures = try signers.map { signer in
            Signature(name: signer.name, keyID: signer.verifier.keyID, signature: try signer.signature(for: message))
        }
        return SignedNote(text: text, signatures: signatures)
    }

    /// Returns a copy with `signature` appended (a witness's cosignature, say).
    public func adding(_ signature: Signature) -> SignedNote {
        SignedNote(text: text, signatures: signatures + [signature])
    }

    /// Checks the text rules: valid UTF-8 (a Swift String is), ends in a newline, no
    /// control characters other than newline, and no blank line that would split it.
    static func checkText(_ text: String) throws {
        guard text.utf8.last == 0x0a else { throw LedgerError(.invalidNote, "note text does not end in a newline") }
        guard !zip(text.utf8, text.utf8.dropFirst()).contains(where: { $0 == 0x0a && $1 == 0x0a }) else { throw LedgerError(.invalidNote, "note text contains a blank line") }
        for byte in text.utf8 where byte < 0x20 && byte != 0x0a || byte == 0x7f {
            throw LedgerError(.invalidNote, "note text contains control character 0x\(Hex.encode([byte]))")
        }
    }
}
