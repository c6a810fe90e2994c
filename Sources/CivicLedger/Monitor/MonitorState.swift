/// What a monitor remembers between runs, in `STATE/monitor.json`: the last checkpoint it
/// accepted, the right frontier of that tree (so the next run needs only the new entries),
/// the key entries it followed (re-checked from the pinned key on every load), and when it
/// first saw that checkpoint (for `--max-age`). One canonical JSON object and a newline:
///
///     {"checkpoint":"<signed note>","frontier":["<base64 hash>",…],"keys":["<key entry>",…],"seen":<unix seconds>,"v":1}
struct MonitorState {
    static let fileName = "monitor.json"
    static let version: Int64 = 1
    static let byteCountMax = 1 << 20

    let note: SignedNote
    let checkpoint: Checkpoint
    let tree: TreeBuilder
    let keyEntries: [[UInt8]]
    let keys: KeyChain
    let seenUnixSeconds: Int64

    /// Loads and re-checks the state: the chain from `pinned`, the note's signature under
    /// it, and the frontier's root against the note. A state that fails is reported, never
    /// overwritten.
    static func load(directory: String, pinned: NoteVerifier) throws -> MonitorState? {
        let path = directory + "/" + fileName
        guard FileSystem.exists(path) else { return nil }
        let bytes = try FileHandle.openForReading(path).readAll(limit: byteCountMax, code: .corrupt)
        func bad(_ what: String) -> LedgerError { LedgerError(.corrupt, "\(path): \(what)") }
        guard bytes.last == 0x0a, case .object(let top) = try CanonicalJSON.parse(Array(bytes.dropLast())),
              top["v"] == .integer(version), case .string(let text)? = top["checkpoint"],
              case .array(let frontierValues)? = top["frontier"], case .array(let keyValues)? = top["keys"],
              case .integer(let seen)? = top["seen"], top.count == 5 else {
            throw bad("not a monitor state file of version \(version)")
        }
        var keys = KeyChain(pinned: pinned)
        var keyEntries: [[UInt8]] = []
        for value in keyValues {
            guard case .string(let entryText) = value else { throw bad("a key entry is not a string") }
            keyEntries.append(Array(entryText.utf8))
            try keys.follow(try Entry.decode(Array(entryText.utf8)))
        }
        let frontier = try frontierValues.map { value -> Hash32 in
            guard case .string(let base64) = value, let hash = Hash32(base64: base64) else { throw bad("a frontier hash is not base64 of 32 bytes") }
            return hash
        }
        let note = try SignedNote.parse(text)
        let checkpoint = try Checkpoint(text: note.text)
        try keys.check(note, size: checkpoint.size)
        let tree = try TreeBuilder(size: Int64(checkpoint.size), frontier: frontier)
        guard tree.root(hasher: MerkleHasher()) == checkpoint.root else { throw bad("the frontier does not give the checkpoint's root") }
        return MonitorState(note: note, checkpoint: checkpoint, tree: tree, keyEntries: keyEntries, keys: keys, seenUnixSeconds: seen)
    }

    /// Writes the state atomically (temporary file, fsync, rename, directory fsync).
    func save(directory: String) throws {
        let object: JSONValue = .object([
            "v": .integer(MonitorState.version), "checkpoint": .string(note.serialized),
            "frontier": .array(tree.frontierHashes.map { .string($0.base64) }),
            "keys": .array(keyEntries.map { .string(String(decoding: $0, as: UTF8.self)) }),
            "seen": .integer(seenUnixSeconds),
        ])
        try FileSystem.writeAtomically(CanonicalJSON.encode(object) + [0x0a], to: directory + "/" + MonitorState.fileName)
    }
}
