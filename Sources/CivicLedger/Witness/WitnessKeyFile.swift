/// A witness's record of the rotations it followed for one origin, kept beside the state
/// note as `<state file>.keys-<size>` (the size of the note it goes with):
///
///     civicledger.witness-keys/v1
///     <seq of the key entry> <the vkey it introduced>
///     …
///
/// It is the witness's own memory, written only after the key chain proof was verified,
/// so it is trusted as the state note is; the file for another size is never read, so a
/// crash between writing it and renaming the note leaves the old pair in force.
enum WitnessKeyFile {
    static let header = "civicledger.witness-keys/v1"
    static let byteCountMax = 1 << 16

    static func path(statePath: String, size: UInt64) -> String { "\(statePath).keys-\(size)" }

    static func encode(_ chain: KeyChain) -> [UInt8] {
        Array((header + "\n" + chain.rotations.map { "\($0.seq) \($0.verifier.vkey)\n" }.joined()).utf8)
    }

    /// The chain from `pinned` the file records; just `pinned` when there is no file.
    static func read(statePath: String, size: UInt64, pinned: NoteVerifier) throws -> KeyChain {
        let path = path(statePath: statePath, size: size)
        guard FileSystem.exists(path) else { return KeyChain(pinned: pinned) }
        let bytes = try FileHandle.openForReading(path).readAll(limit: byteCountMax, code: .corrupt)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw LedgerError(.corrupt, "\(path): not UTF-8 text") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(header), lines.last == "" else { throw LedgerError(.corrupt, "\(path): not a witness key file") }
        lines = Array(lines.dropFirst().dropLast())
        let rotations = try lines.enumerated().map { number, line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let seq = UInt64(parts[0]), let verifier = try? NoteVerifier(vkey: String(parts[1])) else {
                throw LedgerError(.corrupt, "\(path):\(number + 2): not a seq and a verifier key")
            }
            return KeyChain.Rotation(seq: seq, verifier: verifier)
        }
        return KeyChain(pinned: pinned, rotations: rotations)
    }
}
