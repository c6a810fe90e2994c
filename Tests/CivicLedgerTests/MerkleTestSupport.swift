@testable import CivicLedger

/// Naive RFC 9162 §2.1.1 MTH, written straight from the definition with plain SHA-256
/// (not MerkleHasher), as the reference the incremental and stored-hash code is checked against.
func MTH(leaves: [[UInt8]]) -> Hash32 {
    naiveTreeHash(leaves[...])
}

private func naiveTreeHash(_ leaves: ArraySlice<[UInt8]>) -> Hash32 {
    switch leaves.count {
    case 0:
        return SHA256.hash([])
    case 1:
        return SHA256.hash([0x00] + leaves.first!)
    default:
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let left = naiveTreeHash(leaves.prefix(split))
        let right = naiveTreeHash(leaves.dropFirst(split))
        return SHA256.hash([0x01] + left.bytes + right.bytes)
    }
}

/// Distinct, varied-length test entries.
func merkleTestLeaf(_ index: Int) -> [UInt8] {
    (0..<(index % 5 + 1)).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0) }
}

/// A tree of `size` test leaves built with TreeBuilder into a MemoryHashStore, with the
/// root after every prefix (rootsBySize[k] is the root of the first k leaves).
struct MerkleTestTree {
    let leaves: [[UInt8]]
    let leafHashes: [Hash32]
    let store: MemoryHashStore
    let rootsBySize: [Hash32]
    let storedCountsBySize: [Int64]

    init(size: Int) {
        let hasher = MerkleHasher()
        var builder = TreeBuilder()
        var store = MemoryHashStore()
        var roots = [builder.root(hasher: hasher)]
        var counts: [Int64] = [0]
        leaves = (0..<size).map(merkleTestLeaf)
        leafHashes = leaves.map { hasher.leafHash($0) }
        for leafHash in leafHashes {
            store.append(builder.append(leafHash: leafHash, hasher: hasher))
            roots.append(builder.root(hasher: hasher))
            counts.append(store.count)
        }
        self.store = store
        rootsBySize = roots
        storedCountsBySize = counts
    }
}

/// Wraps a reader and records every index it is asked for.
final class CountingReader: HashReader {
    let base: HashReader
    private(set) var indexesRead: [Int64] = []

    init(_ base: HashReader) { self.base = base }

    func readHashes(at indexes: [Int64]) throws -> [Hash32] {
        indexesRead += indexes
        return try base.readHashes(at: indexes)
    }

    func reset() { indexesRead = [] }
}

/// Stands in for a huge stored-hash file without building it: any index below `count`
/// reads as a hash derived from the index. Good only for counting reads.
struct SyntheticReader: HashReader {
    let count: Int64

    func readHashes(at indexes: [Int64]) throws -> [Hash32] {
        try indexes.map { index in
            guard index >= 0, index < count else { throw LedgerError(.usage, "index \(index) not stored") }
            return SHA256.hash(withUnsafeBytes(of: index.bigEndian) { Array($0) })
        }
    }
}

func flippingBit(_ hash: Hash32, byte: Int = 0) -> Hash32 {
    var bytes = hash.bytes
    bytes[byte % bytes.count] ^= 0x01
    return Hash32(bytes)!
}

/// True when `body` throws LedgerError(.invalidProof, …). Any other outcome is false.
func rejectsProof(_ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as LedgerError {
        return error.code == .invalidProof
    } catch {
        return false
    }
}
