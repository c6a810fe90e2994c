import Testing
@testable import CivicLedger

@Suite struct MerkleProofTests {
    static let largestSize = 300

    /// Every inclusion proof in trees of size 1…300 verifies, and proofs that are wrong in
    /// any way do not.
    @Test func merkleInclusionProofsVerifyAndMutationsFail() throws {
        let tree = MerkleTestTree(size: Self.largestSize)
        let hasher = MerkleHasher()
        for size in 1...Self.largestSize {
            for index in 0..<size {
                let proof = try MerkleProof.inclusion(index: Int64(index), treeSize: Int64(size), reader: tree.store, hasher: hasher)
                try MerkleProof.verifyInclusion(
                    leafHash: tree.leafHashes[index], index: Int64(index), treeSize: Int64(size),
                    proof: proof, root: tree.rootsBySize[size], hasher: hasher)
                // Mutations cost several verifications each, so check them on a dense
                // subset to keep the debug-build test time low.
                if size <= 40 || (size + index) % 11 == 0 {
                    try checkInclusionMutations(tree: tree, index: index, size: size, proof: proof, hasher: hasher)
                }
            }
        }
    }

    private func checkInclusionMutations(
        tree: MerkleTestTree, index: Int, size: Int, proof: [Hash32], hasher: MerkleHasher
    ) throws {
        let leafHash = tree.leafHashes[index]
        let root = tree.rootsBySize[size]
        func rejects(leaf: Hash32? = nil, index mutatedIndex: Int? = nil, size mutatedSize: Int? = nil,
                     proof mutatedProof: [Hash32]? = nil, root mutatedRoot: Hash32? = nil) -> Bool {
            rejectsProof {
                try MerkleProof.verifyInclusion(
                    leafHash: leaf ?? leafHash, index: Int64(mutatedIndex ?? index), treeSize: Int64(mutatedSize ?? size),
                    proof: mutatedProof ?? proof, root: mutatedRoot ?? root, hasher: hasher)
            }
        }
        for position in proof.indices {
            var flipped = proof
            flipped[position] = flippingBit(proof[position], byte: index)
            #expect(rejects(proof: flipped), "flipped element \(position), index \(index) size \(size)")
        }
        #expect(rejects(leaf: flippingBit(leafHash)))
        #expect(rejects(root: flippingBit(root, byte: 31)))
        #expect(rejects(root: MerkleHasher.emptyRoot))
        for wrongIndex in [index - 1, index + 1, index ^ 1, size, -1] where wrongIndex != index {
            #expect(rejects(index: wrongIndex), "index \(wrongIndex) instead of \(index), size \(size)")
        }
        if !proof.isEmpty {
            #expect(rejects(proof: Array(proof.dropFirst())))
            #expect(rejects(proof: Array(proof.dropLast())))
        }
        #expect(rejects(proof: proof + [leafHash]))
        #expect(rejects(proof: [root] + proof))
        try checkWrongSizes(tree: tree, index: index, size: size, proof: proof, rejects: { rejects(size: $0) })
    }

    /// RFC 9162 inclusion proofs bind the tree size only through the shape of the path,
    /// so a wrong size must be caught whenever it changes that shape (here: the length of
    /// the proof the store generates for it) or puts the index outside the tree.
    private func checkWrongSizes(
        tree: MerkleTestTree, index: Int, size: Int, proof: [Hash32], rejects: (Int) -> Bool
    ) throws {
        for wrongSize in [size - 1, size + 1, 2 * size, size / 2, 0] where wrongSize != size {
            if wrongSize <= index {
                #expect(rejects(wrongSize), "size \(wrongSize) ≤ index \(index)")
            } else if wrongSize <= Self.largestSize {
                let other = try MerkleProof.inclusion(index: Int64(index), treeSize: Int64(wrongSize), reader: tree.store)
                if other.count != proof.count {
                    #expect(rejects(wrongSize), "size \(wrongSize) instead of \(size), index \(index)")
                }
            }
        }
    }

    /// Every consistency proof between sizes 0 ≤ m ≤ n < 64 verifies; mutations fail.
    @Test func merkleConsistencyProofsVerifyAndMutationsFail() throws {
        let tree = MerkleTestTree(size: 64)
        let hasher = MerkleHasher()
        for size2 in 0..<64 {
            for size1 in 0...size2 {
                let proof = try MerkleProof.consistency(from: Int64(size1), to: Int64(size2), reader: tree.store, hasher: hasher)
                if size1 == 0 || size1 == size2 { #expect(proof.isEmpty) }
                try MerkleProof.verifyConsistency(
                    size1: Int64(size1), size2: Int64(size2), proof: proof,
                    root1: tree.rootsBySize[size1], root2: tree.rootsBySize[size2], hasher: hasher)
                try checkConsistencyMutations(tree: tree, size1: size1, size2: size2, proof: proof, hasher: hasher)
            }
        }
    }

    private func checkConsistencyMutations(
        tree: MerkleTestTree, size1: Int, size2: Int, proof: [Hash32], hasher: MerkleHasher
    ) throws {
        let root1 = tree.rootsBySize[size1]
        let root2 = tree.rootsBySize[size2]
        func rejects(size1 mutated1: Int? = nil, size2 mutated2: Int? = nil, proof mutatedProof: [Hash32]? = nil,
                     root1 mutatedRoot1: Hash32? = nil, root2 mutatedRoot2: Hash32? = nil) -> Bool {
            rejectsProof {
                try MerkleProof.verifyConsistency(
                    size1: Int64(mutated1 ?? size1), size2: Int64(mutated2 ?? size2), proof: mutatedProof ?? proof,
                    root1: mutatedRoot1 ?? root1, root2: mutatedRoot2 ?? root2, hasher: hasher)
            }
        }
        for position in proof.indices {
            var flipped = proof
            flipped[position] = flippingBit(proof[position], byte: size1 + size2)
            #expect(rejects(proof: flipped), "flipped element \(position), \(size1)→\(size2)")
        }
        // Size 0 is consistent with every tree, so only root1 matters there.
        #expect(rejects(root1: flippingBit(root1)), "root1, \(size1)→\(size2)")
        if size1 > 0 { #expect(rejects(root2: flippingBit(root2, byte: 31)), "root2, \(size1)→\(size2)") }
        if size1 < size2 && size1 > 0 {
            #expect(rejects(size1: size2, size2: size1, root1: root2, root2: root1), "swapped \(size1)→\(size2)")
            #expect(rejects(root1: root2, root2: root1))
        }
        if !proof.isEmpty {
            #expect(rejects(proof: Array(proof.dropFirst())), "dropped first, \(size1)→\(size2)")
            #expect(rejects(proof: Array(proof.dropLast())), "dropped last, \(size1)→\(size2)")
        }
        #expect(rejects(proof: proof + [root2]), "extra last, \(size1)→\(size2)")
        #expect(rejects(proof: [root1] + proof), "extra first, \(size1)→\(size2)")
        #expect(rejects(size1: size2 + 1), "size1 beyond size2")
        #expect(rejects(size1: -1))
    }

    @Test func merkleGenerationRejectsBadRequests() {
        let tree = MerkleTestTree(size: 8)
        #expect(throws: LedgerError.self) { try MerkleProof.inclusion(index: 8, treeSize: 8, reader: tree.store) }
        #expect(throws: LedgerError.self) { try MerkleProof.inclusion(index: -1, treeSize: 8, reader: tree.store) }
        #expect(throws: LedgerError.self) { try MerkleProof.inclusion(index: 0, treeSize: 9, reader: tree.store) }
        #expect(throws: LedgerError.self) { try MerkleProof.consistency(from: 5, to: 4, reader: tree.store) }
        #expect(throws: LedgerError.self) { try MerkleProof.rootHash(treeSize: 9, reader: tree.store) }
    }

    /// Proof generation reads O(log n) stored hashes: checked on a real 100,000-leaf store
    /// (where the proofs must also verify) and on a synthetic store of 2^45 + 12345 leaves.
    @Test func merkleProofGenerationReadsLogarithmicallyMany() throws {
        let size = 100_000
        let tree = MerkleTestTree(size: size)
        let reader = CountingReader(tree.store)
        let hasher = MerkleHasher()
        let readLimit = 2 * (64 - Int64(size).leadingZeroBitCount)
        for index in [0, 1, 2, 4_095, 4_096, 50_000, 65_535, 65_536, 99_998, 99_999] {
            reader.reset()
            let proof = try MerkleProof.inclusion(index: Int64(index), treeSize: Int64(size), reader: reader, hasher: hasher)
            #expect(reader.indexesRead.count <= readLimit, "inclusion of \(index) read \(reader.indexesRead.count)")
            try MerkleProof.verifyInclusion(
                leafHash: tree.leafHashes[index], index: Int64(index), treeSize: Int64(size),
                proof: proof, root: tree.rootsBySize[size], hasher: hasher)
        }
        for size1 in [1, 3, 1_000, 65_536, 77_777, 99_999] {
            reader.reset()
            let proof = try MerkleProof.consistency(from: Int64(size1), to: Int64(size), reader: reader, hasher: hasher)
            #expect(reader.indexesRead.count <= readLimit, "consistency from \(size1) read \(reader.indexesRead.count)")
            try MerkleProof.verifyConsistency(
                size1: Int64(size1), size2: Int64(size), proof: proof,
                root1: tree.rootsBySize[size1], root2: tree.rootsBySize[size], hasher: hasher)
        }
        reader.reset()
        #expect(try MerkleProof.rootHash(treeSize: Int64(size), reader: reader) == tree.rootsBySize[size])
        #expect(reader.indexesRead.count == size.nonzeroBitCount)
        try checkSyntheticReads()
    }

    private func checkSyntheticReads() throws {
        let size: Int64 = (1 << 45) + 12_345
        let reader = CountingReader(SyntheticReader(count: StoredHashes.count(treeSize: size)))
        let readLimit = 2 * (64 - size.leadingZeroBitCount)
        for index in [0, 12_344, size / 3, size - 1] {
            reader.reset()
            let proof = try MerkleProof.inclusion(index: index, treeSize: size, reader: reader)
            #expect(reader.indexesRead.count <= readLimit)
            #expect(proof.count <= 46)
        }
        for size1 in [1, 12_345, size / 2, size - 1] {
            reader.reset()
            _ = try MerkleProof.consistency(from: size1, to: size, reader: reader)
            #expect(reader.indexesRead.count <= readLimit)
        }
        reader.reset()
        _ = try TreeBuilder(restoringSize: size, reader: reader)
        #expect(reader.indexesRead.count == size.nonzeroBitCount)
    }
}
