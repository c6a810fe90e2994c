extension SignedNote {
    /// Parses a note's bytes strictly; signatures are not checked here (see `verify`).
    public static func parse(_ bytes: [UInt8]) throws -> SignedNote {
        guard bytes.count <= byteCountMax else {
            throw LedgerError(.invalidNote, "note is \(bytes.count) bytes, over the \(byteCountMax)-byte limit")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw LedgerError(.invalidNote, "note is not valid UTF-8")
        }
        guard let split = lastBlankLine(bytes) else {
            throw LedgerError(.invalidNote, "note has no blank line before its signatures")
        }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        try checkText(text)
        let block = bytes[(split + 2)...]
        guard block.last == 0x0a else { throw LedgerError(.invalidNote, "note does not end in a newline") }
        let lines = block.dropLast().split(separator: 0x0a, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count <= signatureCountMax else {
            throw LedgerError(.invalidNote, "note has \(lines.count) signatures, more than \(signatureCountMax)")
        }
        let signatures = try lines.map { try parseSignatureLine(String($0)) }
        return SignedNote(text: text, signatures: signatures)
    }

    /// The index of the first newline of the last "\n\n" pair.
    private static func lastBlankLine(_ bytes: [UInt8]) -> Int? {
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0a && bytes[index + 1] == 0x0a { return index }
            index -= 1
        }
        return nil
    }

    private static func parseSignatureLine(_ line: String) throws -> Signature {
        let prefix = "\u{2014} "
        guard line.hasPrefix(prefix) else {
            throw LedgerError(.invalidNote, "signature line does not start with an em dash and a space")
        }
        let fields = line.dropFirst(prefix.count).split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 2 else { throw LedgerError(.invalidNote, "signature line is not \"— name signature\"") }
        let name = String(fields[0])
        do { try NoteVerifier.checkName(name) } catch {
            throw LedgerError(.invalidNote, "signature line has an invalid key name")
        }
        guard let decoded = Base64.decode(String(fields[1])), decoded.count > 4 else {
            throw LedgerError(.invalidNote, "signature by \(name) is not base64 of a key id and a signature")
        }
        return Signature(name: name, keyID: NoteVerifier.uint32(Array(decoded[0..<4])), signature: Array(decoded[4...]))
    }

    public static func parse(_ text: String) throws -> SignedNote {
        try parse(Array(text.utf8))
    }

    /// Verifies the note against the trusted keys. Signatures by unknown (name, key id)
    /// pairs are ignored; a known key whose signature fails makes the note invalid; at
    /// least one known key must have signed. Returns the verifiers that signed.
    @discardableResult
    public func verify(_ verifiers: [NoteVerifier]) throws -> [NoteVerifier] {
        let message = Array(text.utf8)
        var signed: [NoteVerifier] = []
        for signature in signatures {
            guard let verifier = verifiers.first(where: { $0.name == signature.name && $0.keyID == signature.keyID }) else {
                continue
            }
            guard !signed.contains(verifier) else {
                throw LedgerError(.invalidNote, "note carries two signatures by \(verifier.name)")
            }
            guard verifier.publicKey.isValidSignature(signature.signature, for: message) else {
                throw LedgerError(.invalidNote, "signature by \(verifier.name)+\(NoteVerifier.hexID(verifier.keyID)) does not verify")
            }
            signed.append(verifier)
        }
        guard !signed.isEmpty else {
            let names = verifiers.map { "\($0.name)+\(NoteVerifier.hexID($0.keyID))" }.joined(separator: ", ")
            throw LedgerError(.invalidNote, "note has no signature by a trusted key (\(names))")
        }
        return signed
    }
}
