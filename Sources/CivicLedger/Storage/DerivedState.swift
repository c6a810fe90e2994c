/// Files in `state/`: data derived from the entries that a writer keeps so it need not
/// re-read the log (the rules' running book). Each is `<canonical JSON>\n<hex SHA-256 of
/// that JSON>\n`, where the JSON is {"size": entries covered, "state": …}. They are never
/// trusted for verification: a damaged or stale one is rebuilt from the log, and `verify`
/// reports any whose checksum fails.
public enum DerivedState {
    static let suffix = ".json"
    /// A bound on a state file, read whole: far above any real book.
    public static let byteCountMax = 1 << 28

    static func path(_ layout: LedgerLayout, name: String) -> String {
        layout.stateDirectory + "/" + name + suffix
    }

    public static func encode(size: UInt64, state: JSONValue) -> [UInt8] {
        let json = CanonicalJSON.encode(.object(["size": .integer(Int64(size)), "state": state]))
        return json + [0x0a] + Array(SHA256.hash(json).hex.utf8) + [0x0a]
    }

    /// The size and state in `bytes`, or nil when the file is damaged.
    public static func decode(_ bytes: [UInt8]) -> (size: UInt64, state: JSONValue)? {
        let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        guard lines.count == 3, lines[2].isEmpty, SHA256.hash(Array(lines[0])).hex == String(decoding: lines[1], as: UTF8.self),
              case .object(let fields)? = try? CanonicalJSON.parseCanonical(Array(lines[0])),
              case .integer(let size)? = fields["size"], size >= 0, let state = fields["state"] else { return nil }
        return (UInt64(size), state)
    }

    static func save(_ layout: LedgerLayout, name: String, size: UInt64, state: JSONValue) throws {
        precondition(!name.contains("/") && !name.hasPrefix("."), "a plain state name")
        if !FileSystem.isDirectory(layout.stateDirectory) {
            try FileSystem.makeDirectory(layout.stateDirectory)
            try FileSystem.syncDirectory(layout.directory)
        }
        try FileSystem.writeAtomically(encode(size: size, state: state), to: path(layout, name: name))
    }

    /// Checks every state file's checksum and that it covers no more than the ledger (or,
    /// while a writer is at work, no more than its newest checkpoint).
    static func check(_ layout: LedgerLayout, size: UInt64) throws {
        guard FileSystem.isDirectory(layout.stateDirectory) else { return }
        for name in try FileSystem.list(layout.stateDirectory) where name.hasSuffix(suffix) && !name.hasPrefix(".") {
            let path = layout.stateDirectory + "/" + name
            guard let (covered, _) = decode(try FileHandle.openForReading(path).readAll(limit: byteCountMax, code: .corrupt)),
                  try covered <= size || (CheckpointStore(layout: layout).sizes().last ?? 0) >= covered else {
                throw LedgerError.integrity(.store, "\(path): derived state is damaged or ahead of the ledger (the next writer rebuilds it)")
            }
        }
    }
}

extension LedgerWriter {
    /// Saves derived state covering every acknowledged entry, atomically.
    public func saveDerivedState(_ name: String, _ state: JSONValue) throws {
        try DerivedState.save(layout, name: name, size: size, state: state)
    }
}

extension LedgerReader {
    /// Saved derived state and the number of entries it covers, or nil when there is none
    /// or its contents are damaged (the caller rebuilds it). A file that exists but cannot
    /// be read (permissions, I/O, too large) is an error, not "no state".
    public func derivedState(_ name: String) throws -> (size: UInt64, state: JSONValue)? {
        let path = DerivedState.path(layout, name: name)
        guard FileSystem.exists(path) else { return nil }
        return DerivedState.decode(try FileHandle.openForReading(path).readAll(limit: DerivedState.byteCountMax, code: .corrupt))
    }

    /// The entry at `seq`, decoded; nil only when the ledger holds no entry `seq`. An entry
    /// that cannot be read or decoded is an error (the ledger is damaged), never absence.
    public func entry(seq: UInt64) throws -> Entry? {
        guard seq < size else { return nil }
        let bytes = try entryBytes(seq: seq)
        do { return try Entry.decode(bytes) } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(layout.entriesDirectory): entry \(seq) cannot be decoded: \(error.message)")
        }
    }
}
