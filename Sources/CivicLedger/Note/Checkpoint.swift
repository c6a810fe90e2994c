/// A C2SP tlog-checkpoint body: origin, tree size, root hash, optional extension lines.
public struct Checkpoint: Equatable, Sendable {
    public let origin: String
    public let size: UInt64
    public let root: Hash32
    public let extensions: [String]

    public init(origin: String, size: UInt64, root: Hash32, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The note text this checkpoint signs.
    public var text: String {
        "\(origin)\n\(size)\n\(root.base64)\n" + extensions.map { $0 + "\n" }.joined()
    }

    public init(text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "", lines.count >= 4 else {
            throw LedgerError(.invalidNote, "checkpoint needs origin, size and root lines")
        }
        lines.removeLast()
        let origin = String(lines[0])
        do { try NoteVerifier.checkName(origin) } catch {
            throw LedgerError(.invalidNote, "checkpoint origin \"\(origin.prefix(80))\" is not valid")
        }
        let sizeText = lines[1]
        guard let size = UInt64(sizeText), String(size) == sizeText else {
            throw LedgerError(.invalidNote, "checkpoint size \"\(sizeText.prefix(40))\" is not a decimal number without leading zeros")
        }
        guard size <= UInt64(StoredHashes.maxTreeSize) else {
            throw LedgerError(.invalidNote, "checkpoint size \(size) is over the largest tree size, 2^61")
        }
        guard let root = Hash32(base64: String(lines[2])) else {
            throw LedgerError(.invalidNote, "checkpoint root is not base64 of 32 bytes")
        }
        let extensions = lines.dropFirst(3).map(String.init)
        guard !extensions.contains(where: \.isEmpty) else {
            throw LedgerError(.invalidNote, "checkpoint has an empty extension line")
        }
        self.init(origin: origin, size: size, root: root, extensions: extensions)
    }
}
