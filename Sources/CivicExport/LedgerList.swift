import CivicLedger

/// The list file of `--ledgers FILE`: the ledgers of a consolidated export, one a line,
/// `VKEY DIR` (the verifier key string, one or more spaces, the directory to the end of the
/// line; a relative directory is taken from the list file's folder). Empty lines and lines
/// starting with `#` are skipped; LF or CRLF line ends. Strict: UTF-8, no control
/// characters, bounded in size, lines and count; an error names the line and never repeats
/// its text.
public enum LedgerList {
    /// A list longer than this is refused before it is read.
    public static let byteCountMax = 64 << 10
    public static let lineByteCountMax = 4096

    /// The sources of `bytes`, the list file `name` in the folder `base`.
    public static func parse(_ bytes: [UInt8], name: String, base: String) throws -> [LedgerSource] {
        guard bytes.count <= byteCountMax else { throw LedgerError(.usage, "\(name): over \(byteCountMax) bytes") }
        var sources: [LedgerSource] = []
        for (offset, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = raw.last == 0x0D ? raw.dropLast() : raw
            let at = "\(name):\(offset + 1)"
            guard line.count <= lineByteCountMax else { throw LedgerError(.usage, "\(at): the line is over \(lineByteCountMax) bytes") }
            guard let text = String(validating: line, as: UTF8.self) else { throw LedgerError(.usage, "\(at): not UTF-8 text") }
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw LedgerError(.usage, "\(at): a control character (only spaces separate the key from the directory)")
            }
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            sources.append(try source(text, at: at, base: base))
            guard sources.count <= LedgerSource.countMax else {
                throw LedgerError(.usage, "\(at): more than \(LedgerSource.countMax) ledgers")
            }
        }
        guard !sources.isEmpty else { throw LedgerError(.usage, "\(name): lists no ledger") }
        return sources
    }

    private static func source(_ text: String, at: String, base: String) throws -> LedgerSource {
        let key = text.prefix { $0 != " " }
        var directory = text.dropFirst(key.count).drop { $0 == " " }
        while directory.last == " " { directory.removeLast() }
        guard !key.isEmpty, !directory.isEmpty else {
            throw LedgerError(.usage, "\(at): expected a verifier key, a space and a ledger directory")
        }
        let verifier: NoteVerifier
        do { verifier = try NoteVerifier(vkey: String(key)) } catch {
            throw LedgerError(.invalidKey, "\(at): the first word is not a verifier key (name+id+key)")
        }
        let path = directory.hasPrefix("/") || base.isEmpty ? String(directory) : base + "/" + directory
        return LedgerSource(directory: path, verifier: verifier)
    }
}
