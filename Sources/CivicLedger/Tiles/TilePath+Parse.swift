extension TilePath {
    /// Parses a path relative to a publication directory (`tile/1/x001/002.p/17`,
    /// `tile/entries/000`). Nil unless it is exactly the path `path` would write: one
    /// spelling a tile, so a cache never holds the same tile under two names.
    public init?(path text: String) {
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts.count <= 12, parts[0] == "tile" else { return nil }
        var level: Int?
        if parts[1] != "entries" {
            guard parts[1].utf8.count <= 2, let parsed = Int(parts[1]), String(parsed) == parts[1],
                  parsed <= TilePath.levelMax else { return nil }
            level = parsed
        }
        var count = TilePath.width
        if parts.count >= 4, parts[parts.count - 2].hasSuffix(".p") {
            guard let width = Int(parts[parts.count - 1]), width >= 1, width < TilePath.width else { return nil }
            count = width
            parts.removeLast()
            parts[parts.count - 1].removeLast(2)
        }
        var index: UInt64 = 0
        for (position, group) in parts[2...].enumerated() {
            let digits = position == parts.count - 3 ? group : String(group.dropFirst())
            guard position == parts.count - 3 || group.hasPrefix("x"), digits.utf8.count == 3,
                  digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = UInt64(digits) else { return nil }
            let (scaled, overflow) = index.multipliedReportingOverflow(by: 1000)
            guard !overflow else { return nil }
            let (sum, carry) = scaled.addingReportingOverflow(value)
            guard !carry else { return nil }
            index = sum
        }
        self = level.map { TilePath.hashes(level: $0, index: index, count: count) } ?? TilePath.entries(index: index, count: count)
        guard self.path == text else { return nil }
    }
}
