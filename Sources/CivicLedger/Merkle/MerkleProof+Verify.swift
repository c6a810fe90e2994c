extension MerkleProof {
    /// A proof in a tree of at most 2^63 leaves never needs more hashes than this;
    /// longer input is rejected before any hashing.
    static let proofCountMax = 64

    /// RFC 9162 §2.1.3.2: checks that `proof` proves the leaf with `leafHash` sits at
    /// `index` in the tree of `treeSize` leaves whose MTH is `root`. Throws
    /// `LedgerError(.invalidProof, …)` naming the first check that failed.
    public static func verifyInclusion(
        leafHash: Hash32, index: Int64, treeSize: Int64, proof: [Hash32], root: Hash32,
        hasher: MerkleHasher = MerkleHasher()
    ) throws {
        guard index >= 0, treeSize >= 0 else { throw failure("negative leaf index or tree size") }
        guard index < treeSize else { throw failure("leaf index \(index) is not below tree size \(treeSize)") }
        guard proof.count <= proofCountMax else { throw failure("inclusion proof has \(proof.count) hashes") }
        var fn = index
        var sn = treeSize - 1
        var hash = leafHash
        for sibling in proof {
            // sn reaching 0 means the root was reached with hashes left over.
            guard sn != 0 else {
                throw failure("inclusion proof has more hashes than a tree of size \(treeSize) needs")
            }
            if fn & 1 == 1 || fn == sn {
                hash = hasher.nodeHash(sibling, hash)
                // On the right edge, climb past levels where this node has no sibling.
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                hash = hasher.nodeHash(hash, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw failure("inclusion proof has fewer hashes than a tree of size \(treeSize) needs")
        }
        guard hash == root else {
            throw failure("inclusion proof for leaf \(index) does not lead to the given root of tree size \(treeSize)")
        }
    }

    /// RFC 9162 §2.1.4.2: checks that the tree of `size2` leaves with MTH `root2` extends
    /// the tree of `size1` leaves with MTH `root1`. Also accepts the trivial cases that
    /// need no proof: equal sizes with equal roots, and size1 = 0 (whose root must then
    /// be the empty-tree root, since that tree has only one possible MTH).
    public static func verifyConsistency(
        size1: Int64, size2: Int64, proof: [Hash32], root1: Hash32, root2: Hash32,
        hasher: MerkleHasher = MerkleHasher()
    ) throws {
        guard size1 >= 0, size2 >= 0 else { throw failure("negative tree size") }
        guard size1 <= size2 else { throw failure("old tree size \(size1) is larger than new tree size \(size2)") }
        guard proof.count <= proofCountMax else { throw failure("consistency proof has \(proof.count) hashes") }
        if size1 == 0 || size1 == size2 {
            try verifyTrivialConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2)
            return
        }
        guard !proof.isEmpty else { throw failure("consistency proof from \(size1) to \(size2) is empty") }
        let (oldHash, newHash, sn) = consistencyHashes(size1: size1, size2: size2, proof: proof, root1: root1, hasher: hasher)
        guard let sn else {
            throw failure("consistency proof has more hashes than sizes \(size1) and \(size2) need")
        }
        guard sn == 0 else {
            throw failure("consistency proof has fewer hashes than sizes \(size1) and \(size2) need")
        }
        guard oldHash == root1 else {
            throw failure("consistency proof does not lead to the given root of tree size \(size1)")
        }
        guard newHash == root2 else {
            throw failure("consistency proof does not lead to the given root of tree size \(size2)")
        }
    }

    /// The cases RFC 9162's algorithm does not cover (it requires 0 < size1 < size2).
    private static func verifyTrivialConsistency(
        size1: Int64, size2: Int64, proof: [Hash32], root1: Hash32, root2: Hash32
    ) throws {
        assert(size1 == 0 || size1 == size2)
        guard proof.isEmpty else {
            throw failure("consistency proof from \(size1) to \(size2) must be empty, has \(proof.count) hashes")
        }
        guard size1 != 0 || root1 == MerkleHasher.emptyRoot else {
            throw failure("root of tree size 0 is not the empty-tree root")
        }
        guard size1 != size2 || root1 == root2 else {
            throw failure("roots differ for equal tree sizes \(size1)")
        }
    }

    /// Steps 2–6 of §2.1.4.2: the old and new roots the proof leads to, and the final sn
    /// (nil if hashes were left over after the new root was reached).
    private static func consistencyHashes(
        size1: Int64, size2: Int64, proof: [Hash32], root1: Hash32, hasher: MerkleHasher
    ) -> (Hash32, Hash32, Int64?) {
        assert(0 < size1 && size1 < size2 && !proof.isEmpty)
        // When size1 is a power of two the old root is a node of the new tree and the
        // proof omits it; the verifier starts from root1 instead (step 2's prepend).
        let isPowerOfTwo = size1 & (size1 - 1) == 0
        let seed = isPowerOfTwo ? root1 : proof[0]
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var oldHash = seed
        var newHash = oldHash
        for element in proof.dropFirst(isPowerOfTwo ? 0 : 1) {
            guard sn != 0 else { return (oldHash, newHash, nil) }
            if fn & 1 == 1 || fn == sn {
                oldHash = hasher.nodeHash(element, oldHash)
                newHash = hasher.nodeHash(element, newHash)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                newHash = hasher.nodeHash(newHash, element)
            }
            fn >>= 1
            sn >>= 1
        }
        return (oldHash, newHash, sn)
    }

    private static func failure(_ message: String) -> LedgerError {
        LedgerError(.invalidProof, message)
    }
}

extension MerkleProof {
    /// Consistency over raw bytes, as they arrive from the wire. Two claims about the same
    /// tree size with byte-identical roots and an empty proof are trivially consistent,
    /// whatever those bytes are (RFC 9162 §2.1.4.2 checks nothing in that case; the
    /// transparency-dev vectors expect acceptance). Size 0 is not such a case: the empty
    /// tree has a known root, which the typed check enforces. Every other case needs
    /// 32-byte hashes.
    public static func verifyConsistency(
        size1: Int64, size2: Int64, proof: [[UInt8]], root1: [UInt8], root2: [UInt8]
    ) throws {
        if size1 == size2, size1 > 0, proof.isEmpty, root1 == root2 { return }
        guard let first = Hash32(root1), let second = Hash32(root2) else {
            throw LedgerError(.invalidProof, "a consistency root is not 32 bytes")
        }
        let hashes = try proof.map { bytes -> Hash32 in
            guard let hash = Hash32(bytes) else { throw LedgerError(.invalidProof, "a consistency proof hash is not 32 bytes") }
            return hash
        }
        try verifyConsistency(size1: size1, size2: size2, proof: hashes, root1: first, root2: second)
    }
}
