/// Where a C2SP tlog-tiles resource lives under a publication directory:
/// `tile/<L>/<N>[.p/<W>]` for hash tiles and `tile/entries/<N>[.p/<W>]` for entry bundles.
/// `N` is written in groups of three digits, all but the last prefixed `x`
/// (1234067 → `x001/x234/067`); `.p/<W>` marks a partial tile of `W` (1 to 255) hashes or entries.
public struct TilePath: Hashable, Sendable, CustomStringConvertible {
    /// Hashes (or entries) in a full tile (or bundle): the tile height is 8.
    public static let width = 256
    /// Bytes of a full hash tile: 256 hashes of 32 bytes.
    public static let fullTileByteCount = width * Hash32.byteCount
    /// Levels are written as decimal 0 to 63.
    public static let levelMax = 63

    /// The tile level, or nil for an entry bundle.
    public let level: Int?
    /// The tile's number within its level.
    public let index: UInt64
    /// How many hashes (or entries) it holds: 256 when full, 1 to 255 when partial.
    public let count: Int

    /// A hash tile at `level` (0 to 63).
    public static func hashes(level: Int, index: UInt64, count: Int = width) -> TilePath {
        precondition(level >= 0 && level <= levelMax, "tile level \(level) out of range")
        return TilePath(level: level, index: index, count: count)
    }

    /// An entry bundle.
    public static func entries(index: UInt64, count: Int = width) -> TilePath {
        TilePath(level: nil, index: index, count: count)
    }

    private init(level: Int?, index: UInt64, count: Int) {
        precondition(count >= 1 && count <= TilePath.width, "tile width \(count) out of range")
        self.level = level
        self.index = index
        self.count = count
    }

    public var isFull: Bool { count == TilePath.width }

    /// The path relative to the publication directory, e.g. `tile/1/x001/002.p/17`.
    public var path: String {
        let levelName = level.map(String.init) ?? "entries"
        let suffix = isFull ? "" : ".p/\(count)"
        return "tile/\(levelName)/\(TilePath.encodeIndex(index))\(suffix)"
    }

    public var description: String { path }

    /// `N` in three-digit groups, all but the last prefixed `x`: 0 → `000`, 1234067 → `x001/x234/067`.
    public static func encodeIndex(_ index: UInt64) -> String {
        var groups: [String] = []
        var rest = index
        repeat {
            let group = String(rest % 1000)
            groups.append(String(repeating: "0", count: 3 - group.count) + group)
            rest /= 1000
        } while rest > 0
        return groups.reversed().enumerated().map { position, group in
            position == groups.count - 1 ? group : "x" + group
        }.joined(separator: "/")
    }
}
