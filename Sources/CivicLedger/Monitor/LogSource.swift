/// Where a monitor reads a log: its newest signed checkpoint and its entries. Every byte
/// it returns is untrusted; the monitor checks all of it.
public protocol LogSource {
    /// Names the source in messages.
    var name: String { get }
    /// The newest signed checkpoint's bytes.
    func checkpointBytes() throws -> [UInt8]
    /// Calls `body` with the bytes of entries `start ..< end` in order, each once.
    func entries(from start: UInt64, to end: UInt64, _ body: (UInt64, [UInt8]) throws -> Void) throws
}

/// A ledger directory, read without a lock (what its newest checkpoint covers).
public struct LedgerDirectorySource: LogSource {
    let reader: LedgerReader
    public var name: String { reader.layout.directory }

    public init(directory: String) throws {
        reader = try LedgerReader(directory: directory)
    }

    public func checkpointBytes() throws -> [UInt8] {
        try reader.checkpointBytes(size: reader.size)
    }

    public func entries(from start: UInt64, to end: UInt64, _ body: (UInt64, [UInt8]) throws -> Void) throws {
        guard end <= reader.size else {
            throw LedgerError(.corrupt, "\(name): entries up to \(end) asked for, the ledger holds \(reader.size)")
        }
        try reader.forEachEntry(from: start) { seq, bytes in
            if seq < end { try body(seq, Array(bytes)) }
        }
    }
}

/// A C2SP tlog-tiles log (`civic publish` output, or `civic serve`'s read routes): the
/// `checkpoint` file and entry bundles `tile/entries/<N>[.p/<W>]`, through `fetch`, which
/// returns a resource's bytes (at most `byteCountMax`) or nil when it does not exist.
public struct TileLogSource: LogSource {
    /// A full bundle of 256 entries of at most 16 KiB each, with their length prefixes.
    public static let byteCountMax = TilePath.width * (2 + EntryLimits.entryByteCountMax)
    public let name: String
    let fetch: (String) throws -> [UInt8]?

    public init(name: String, fetch: @escaping (String) throws -> [UInt8]?) {
        self.name = name
        self.fetch = fetch
    }

    /// A publication directory on disk.
    public init(directory: String) {
        self.init(name: directory) { path in
            let full = directory + "/" + path
            guard FileSystem.exists(full) else { return nil }
            return try FileHandle.openForReading(full).readAll(limit: TileLogSource.byteCountMax, code: .corrupt)
        }
    }

    public func checkpointBytes() throws -> [UInt8] {
        guard let bytes = try fetch("checkpoint") else { throw LedgerError(.corrupt, "\(name): no checkpoint") }
        return bytes
    }

    public func entries(from start: UInt64, to end: UInt64, _ body: (UInt64, [UInt8]) throws -> Void) throws {
        guard start < end else { return }
        let width = UInt64(TilePath.width)
        for index in (start / width)...((end - 1) / width) {
            let first = index * width
            let count = Int(min(width, end - first))
            let tile = TilePath.entries(index: index, count: count)
            guard let bundle = try fetch(tile.path) else { throw LedgerError(.corrupt, "\(name): \(tile.path) is missing") }
            let entries = try TileLogSource.split(bundle, count: count, path: "\(name)/\(tile.path)")
            for (offset, entry) in entries.enumerated() where first + UInt64(offset) >= start {
                try body(first + UInt64(offset), entry)
            }
        }
    }

    /// A bundle's entries: each a 2-byte big-endian length and that many bytes, exactly `count`.
    static func split(_ bundle: [UInt8], count: Int, path: String) throws -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var position = 0
        while position < bundle.count {
            guard position + 2 <= bundle.count else { throw LedgerError(.corrupt, "\(path): a length is cut off") }
            let length = Int(bundle[position]) << 8 | Int(bundle[position + 1])
            guard position + 2 + length <= bundle.count else { throw LedgerError(.corrupt, "\(path): an entry is cut off") }
            entries.append(Array(bundle[(position + 2)..<(position + 2 + length)]))
            position += 2 + length
        }
        guard entries.count == count else {
            throw LedgerError(.corrupt, "\(path): holds \(entries.count) entries, not \(count)")
        }
        return entries
    }
}
