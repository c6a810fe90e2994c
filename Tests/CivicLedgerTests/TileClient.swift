import Foundation
@testable import CivicLedger

/// A tlog-tiles client written from the C2SP text alone, sharing no code with the
/// publisher: it builds its own paths, reads the signed `checkpoint`, fetches only the
/// tiles the checkpoint's size requires (partial ones at the widths that size implies),
/// recomputes the root and inclusion proofs from level tiles, and reads entries from
/// the bundles. Library pieces it uses: SHA-256 and signed-note verification only.
struct TileClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let directory: String
    let origin: String
    let size: UInt64
    let root: [UInt8]
    private(set) var fetched: Set<String> = []
    private var tiles: [String: [UInt8]] = [:]
    private var nodes: [NodeKey: [UInt8]] = [:]

    private struct NodeKey: Hashable {
        let height: Int
        let index: UInt64
    }

    init(directory: String, verifier: NoteVerifier) throws {
        self.directory = directory
        let bytes = try Self.read(directory + "/checkpoint")
        let note = try SignedNote.parse(bytes)
        _ = try note.verify([verifier])
        let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, let size = UInt64(lines[1]), let root = Data(base64Encoded: String(lines[2])), root.count == 32 else {
            throw Failure(description: "checkpoint body is not origin, size, root")
        }
        origin = String(lines[0])
        self.size = size
        self.root = Array(root)
    }

    // MARK: paths (C2SP tlog-tiles)

    static func encode(_ n: UInt64) -> String {
        var digits = String(n)
        while digits.count % 3 != 0 { digits = "0" + digits }
        var groups: [String] = []
        var rest = Substring(digits)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(3)))
            rest = rest.dropFirst(3)
        }
        return groups.dropLast().map { "x" + $0 }.joined(separator: "/") + (groups.count > 1 ? "/" : "") + groups.last!
    }

    static func path(level: String, index: UInt64, width: UInt64) -> String {
        "tile/\(level)/\(encode(index))" + (width == 256 ? "" : ".p/\(width)")
    }

    // MARK: hashing (RFC 6962)

    static func leafHash(_ entry: [UInt8]) -> [UInt8] { SHA256.hash([0x00] + entry).bytes }
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { SHA256.hash([0x01] + left + right).bytes }

    // MARK: fetching

    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path) is missing")
        }
        return Array(data)
    }

    private mutating func fetch(_ relative: String) throws -> [UInt8] {
        if let bytes = tiles[relative] { return bytes }
        let bytes = try Self.read(directory + "/" + relative)
        tiles[relative] = bytes
        fetched.insert(relative)
        return bytes
    }

    /// The hash of node `position` at tree level 8·`level`, from the tile this size requires.
    private mutating func tileHash(level: Int, position: UInt64) throws -> [UInt8] {
        let available = size >> UInt64(8 * level)
        guard position < available else { throw Failure(description: "node \(position) at tile level \(level) is not complete") }
        let tile = position / 256
        let width = min(256, available - tile * 256)
        let bytes = try fetch(Self.path(level: String(level), index: tile, width: width))
        guard bytes.count == Int(width) * 32 else {
            throw Failure(description: "tile \(level)/\(tile) has \(bytes.count) bytes, not \(width * 32)")
        }
        let start = Int(position % 256) * 32
        return Array(bytes[start..<start + 32])
    }

    /// The hash of the complete subtree of height `height` numbered `index`: read from a
    /// tile at every eighth level, hashed from the tile below in between.
    private mutating func node(height: Int, index: UInt64) throws -> [UInt8] {
        let key = NodeKey(height: height, index: index)
        if let hash = nodes[key] { return hash }
        let hash = height % 8 == 0
            ? try tileHash(level: height / 8, position: index)
            : Self.nodeHash(try node(height: height - 1, index: 2 * index), try node(height: height - 1, index: 2 * index + 1))
        nodes[key] = hash
        return hash
    }

    private static func largestPowerOfTwoBelow(_ n: UInt64) -> UInt64 {
        var k: UInt64 = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH(D[lo:hi]).
    mutating func treeHash(_ lo: UInt64, _ hi: UInt64) throws -> [UInt8] {
        let n = hi - lo
        if n == 0 { return SHA256.hash([]).bytes }
        if n & (n - 1) == 0 && lo % n == 0 { return try node(height: n.trailingZeroBitCount, index: lo / n) }
        let k = Self.largestPowerOfTwoBelow(n)
        return Self.nodeHash(try treeHash(lo, lo + k), try treeHash(lo + k, hi))
    }

    /// RFC 9162 PATH(m, D[lo:hi]), the leaf's sibling first.
    mutating func inclusionProof(_ m: UInt64, _ lo: UInt64, _ hi: UInt64) throws -> [[UInt8]] {
        let n = hi - lo
        if n <= 1 { return [] }
        let k = Self.largestPowerOfTwoBelow(n)
        if m - lo < k { return try inclusionProof(m, lo, lo + k) + [treeHash(lo + k, hi)] }
        return try inclusionProof(m, lo + k, hi) + [treeHash(lo, lo + k)]
    }

    /// RFC 9162 §2.1.3.2.
    static func verifyInclusion(leaf: [UInt8], index: UInt64, size: UInt64, proof: [[UInt8]], root: [UInt8]) -> Bool {
        guard index < size else { return false }
        var fn = index, sn = size - 1, r = leaf
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1; sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Every entry, from the bundles this size requires.
    mutating func entries() throws -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var bundle: UInt64 = 0
        while bundle * 256 < size {
            let width = min(256, size - bundle * 256)
            let bytes = try fetch(Self.path(level: "entries", index: bundle, width: width))
            var at = 0, count: UInt64 = 0
            while at < bytes.count {
                guard at + 2 <= bytes.count else { throw Failure(description: "bundle \(bundle): truncated length") }
                let length = Int(bytes[at]) << 8 | Int(bytes[at + 1])
                guard at + 2 + length <= bytes.count else { throw Failure(description: "bundle \(bundle): truncated entry") }
                entries.append(Array(bytes[at + 2..<at + 2 + length]))
                at += 2 + length
                count += 1
            }
            guard count == width else { throw Failure(description: "bundle \(bundle) holds \(count) entries, not \(width)") }
            bundle += 1
        }
        return entries
    }

    /// Checks the root against the checkpoint, then every entry's inclusion; returns the entries.
    mutating func verifyAll() throws -> [[UInt8]] {
        guard try treeHash(0, size) == root else { throw Failure(description: "the tiles do not give the checkpoint's root") }
        let entries = try entries()
        for (index, entry) in entries.enumerated() {
            let proof = try inclusionProof(UInt64(index), 0, size)
            guard Self.verifyInclusion(leaf: Self.leafHash(entry), index: UInt64(index), size: size, proof: proof, root: root) else {
                throw Failure(description: "entry \(index) is not included under the checkpoint's root")
            }
        }
        return entries
    }
}
