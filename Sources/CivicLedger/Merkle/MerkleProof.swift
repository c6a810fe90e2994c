/// RFC 9162 §2.1 proofs: generation from stored hashes (`StoredHashes` layout) and
/// verification. Generation reads O(log n) stored hashes in one batch and hashes only
/// along the right edge of the tree; verification needs nothing but the proof.
public enum MerkleProof {
    /// MTH of the first `treeSize` leaves, from the stored hashes of any tree at least
    /// that large.
    public static func rootHash(
        treeSize: Int64, reader: HashReader, hasher: MerkleHasher = MerkleHasher()
    ) throws -> Hash32 {
        try checkGenerationSize(treeSize)
        if treeSize == 0 { return MerkleHasher.emptyRoot }
        var plan = SubtreePlan()
        plan.addNode(lo: 0, hi: treeSize)
        let roots = try plan.resolve(reader: reader, hasher: hasher)
        assert(roots.count == 1)
        return roots[0]
    }

    /// RFC 9162 §2.1.3.1 PATH(index, D[0:treeSize]), the leaf's sibling first.
    public static func inclusion(
        index: Int64, treeSize: Int64, reader: HashReader, hasher: MerkleHasher = MerkleHasher()
    ) throws -> [Hash32] {
        try checkGenerationSize(treeSize)
        guard index >= 0, index < treeSize else {
            throw LedgerError(.usage, "leaf index \(index) is not in a tree of size \(treeSize)")
        }
        var plan = SubtreePlan()
        planPath(index: index, lo: 0, hi: treeSize, plan: &plan)
        return try plan.resolve(reader: reader, hasher: hasher)
    }

    /// RFC 9162 §2.1.4.1 PROOF(from, D[0:to]). Empty when `from` is 0 or equals `to`,
    /// the cases the verifier accepts without a proof.
    public static func consistency(
        from size1: Int64, to size2: Int64, reader: HashReader, hasher: MerkleHasher = MerkleHasher()
    ) throws -> [Hash32] {
        try checkGenerationSize(size2)
        guard size1 >= 0, size1 <= size2 else {
            throw LedgerError(.usage, "no consistency proof from size \(size1) to size \(size2)")
        }
        if size1 == 0 || size1 == size2 { return [] }
        var plan = SubtreePlan()
        planSubproof(oldEnd: size1, lo: 0, hi: size2, isOldRoot: true, plan: &plan)
        return try plan.resolve(reader: reader, hasher: hasher)
    }

    private static func checkGenerationSize(_ treeSize: Int64) throws {
        guard treeSize >= 0, treeSize <= StoredHashes.maxTreeSize else {
            throw LedgerError(.usage, "tree size \(treeSize) is out of range")
        }
    }

    /// Largest power of two strictly below `width` (width ≥ 2): RFC 9162's split point.
    static func splitWidth(_ width: Int64) -> Int64 {
        precondition(width >= 2, "only a node of two or more leaves splits")
        return 1 << (63 - (width - 1).leadingZeroBitCount)
    }

    /// PATH(m, D[lo:hi]) = PATH of the half holding m, then the other half's MTH; the
    /// recursion runs first so the deepest sibling comes first. Depth ≤ 62.
    private static func planPath(index: Int64, lo: Int64, hi: Int64, plan: inout SubtreePlan) {
        assert(lo <= index && index < hi)
        if hi - lo == 1 { return }
        let split = lo + splitWidth(hi - lo)
        if index < split {
            planPath(index: index, lo: lo, hi: split, plan: &plan)
            plan.addNode(lo: split, hi: hi)
        } else {
            planPath(index: index, lo: split, hi: hi, plan: &plan)
            plan.addNode(lo: lo, hi: split)
        }
    }

    /// SUBPROOF(m, D[lo:hi], b) where the old tree ends at leaf `oldEnd` (m = oldEnd − lo).
    /// When the old tree is exactly this node, the verifier knows its hash already only
    /// if it is the old root itself (b = true); otherwise the node goes in the proof.
    private static func planSubproof(oldEnd: Int64, lo: Int64, hi: Int64, isOldRoot: Bool, plan: inout SubtreePlan) {
        assert(lo < oldEnd && oldEnd <= hi)
        if oldEnd == hi {
            if !isOldRoot { plan.addNode(lo: lo, hi: hi) }
            return
        }
        let split = lo + splitWidth(hi - lo)
        if oldEnd <= split {
            planSubproof(oldEnd: oldEnd, lo: lo, hi: split, isOldRoot: isOldRoot, plan: &plan)
            plan.addNode(lo: split, hi: hi)
        } else {
            planSubproof(oldEnd: oldEnd, lo: split, hi: hi, isOldRoot: false, plan: &plan)
            plan.addNode(lo: lo, hi: split)
        }
    }
}
