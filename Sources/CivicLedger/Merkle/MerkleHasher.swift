/// RFC 9162 §2.1.1 hashing: leaves and interior nodes are hashed with distinct one-byte
/// prefixes so that a leaf can never be passed off as a node (second-preimage defence).
/// Owns one reusable SHA-256 context, so it is not thread-safe: one hasher per task.
public final class MerkleHasher {
    /// MTH of the empty tree: SHA-256 of no bytes at all.
    public static let emptyRoot: Hash32 = SHA256.hash([])

    static let leafPrefix: UInt8 = 0x00
    static let nodePrefix: UInt8 = 0x01

    private let sha256: SHA256

    public init() {
        sha256 = SHA256()
    }

    /// SHA-256(0x00 ‖ entry).
    public func leafHash(_ entry: [UInt8]) -> Hash32 {
        entry.withUnsafeBytes { leafHash($0) }
    }

    /// SHA-256(0x00 ‖ entry), for callers that hold the entry in a buffer already
    /// (for example a memory-mapped entry bundle), so no array is built for it.
    public func leafHash(_ entry: UnsafeRawBufferPointer) -> Hash32 {
        sha256.update(byte: MerkleHasher.leafPrefix)
        sha256.update(entry)
        return sha256.finish()
    }

    /// SHA-256(0x01 ‖ left ‖ right). The 65 input bytes are gathered on the stack so
    /// that OpenSSL sees one update call instead of three on this, the hottest path.
    public func nodeHash(_ left: Hash32, _ right: Hash32) -> Hash32 {
        let inputCount = 1 + 2 * Hash32.byteCount
        return withUnsafeTemporaryAllocation(byteCount: inputCount, alignment: 1) { buffer in
            buffer[0] = MerkleHasher.nodePrefix
            left.withUnsafeBytes { buffer.baseAddress!.advanced(by: 1).copyMemory(from: $0.baseAddress!, byteCount: Hash32.byteCount) }
            right.withUnsafeBytes {
                buffer.baseAddress!.advanced(by: 1 + Hash32.byteCount).copyMemory(from: $0.baseAddress!, byteCount: Hash32.byteCount)
            }
            sha256.update(UnsafeRawBufferPointer(buffer))
            return sha256.finish()
        }
    }
}
