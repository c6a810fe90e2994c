import CivicLedger

/// Reads `--vkey`: a verifier key string, or the path of a file holding one.
enum TrustAnchor {
    static func verifier(_ argument: String) throws -> NoteVerifier {
        if argument.contains("+") { return try NoteVerifier(vkey: argument) }
        let bytes = try InputFile.read(argument, limit: 4096)
        let text = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines()
        do { return try NoteVerifier(vkey: text) } catch let error as LedgerError {
            throw LedgerError(.invalidKey, "\(argument): \(error.message)")
        }
    }
}

extension TrustAnchor {
    /// Reads `--witness`: a cosignature verifier key string, or a file holding one.
    static func cosignatureVerifier(_ argument: String) throws -> CosignatureVerifier {
        if argument.contains("+") { return try CosignatureVerifier(vkey: argument) }
        let bytes = try InputFile.read(argument, limit: 4096)
        let text = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines()
        do { return try CosignatureVerifier(vkey: text) } catch let error as LedgerError {
            throw LedgerError(.invalidKey, "\(argument): \(error.message)")
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
