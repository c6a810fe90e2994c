import Testing
@testable import CivicLedger

@Suite struct MerkleTreeTests {
    static let referenceLeavesHex = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
    static let referenceRootHex = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"

    @Test func merkleReferenceTreeOfEightLeaves() throws {
        let leaves = try Self.referenceLeavesHex.map { try #require(Hex.decode($0)) }
        let hasher = MerkleHasher()
        var builder = TreeBuilder()
        var store = MemoryHashStore()
        for leaf in leaves {
            store.append(builder.append(leafHash: hasher.leafHash(leaf), hasher: hasher))
        }
        #expect(MTH(leaves: leaves).hex == Self.referenceRootHex)
        #expect(builder.root(hasher: hasher).hex == Self.referenceRootHex)
        #expect(try MerkleProof.rootHash(treeSize: 8, reader: store).hex == Self.referenceRootHex)
    }

    @Test func merkleEmptyTreeRoot() throws {
        let sha256OfNothing = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(MerkleHasher.emptyRoot.hex == sha256OfNothing)
        #expect(MTH(leaves: []).hex == sha256OfNothing)
        #expect(TreeBuilder().root(hasher: MerkleHasher()).hex == sha256OfNothing)
        #expect(try MerkleProof.rootHash(treeSize: 0, reader: MemoryHashStore()).hex == sha256OfNothing)
    }

    @Test func merkleHasherPrefixesAndBufferOverload() {
        let hasher = MerkleHasher()
        let entry: [UInt8] = [1, 2, 3]
        #expect(hasher.leafHash(entry) == SHA256.hash([0x00, 1, 2, 3]))
        #expect(entry.withUnsafeBytes { hasher.leafHash($0) } == hasher.leafHash(entry))
        let left = SHA256.hash([7])
        let right = SHA256.hash([8])
        #expect(hasher.nodeHash(left, right) == SHA256.hash([0x01] + left.bytes + right.bytes))
        #expect(hasher.nodeHash(left, right) != hasher.nodeHash(right, left))
    }

    /// TreeBuilder, stored-hash roots and the naive MTH agree at every size 0…300.
    @Test func merkleRootsAgreeForEverySize() throws {
        let tree = MerkleTestTree(size: 300)
        let hasher = MerkleHasher()
        for size in 0...300 {
            let naive = MTH(leaves: Array(tree.leaves.prefix(size)))
            #expect(tree.rootsBySize[size] == naive, "builder root at size \(size)")
            let stored = try MerkleProof.rootHash(treeSize: Int64(size), reader: tree.store, hasher: hasher)
            #expect(stored == naive, "stored-hash root at size \(size)")
        }
    }

    @Test func merkleStoredHashCountMatchesBuilder() {
        let tree = MerkleTestTree(size: 300)
        for size in 0...300 {
            #expect(StoredHashes.count(treeSize: Int64(size)) == tree.storedCountsBySize[size], "size \(size)")
        }
    }

    /// Positions from golang.org/x/mod/sumdb/tlog's layout: leaf hashes and the subtrees
    /// they complete, interleaved in append order.
    @Test func merkleStoredHashIndexLayout() {
        let expected: [(level: Int, n: Int64, index: Int64)] = [
            (0, 0, 0), (0, 1, 1), (1, 0, 2), (0, 2, 3), (0, 3, 4), (1, 1, 5), (2, 0, 6),
            (0, 4, 7), (0, 5, 8), (1, 2, 9), (0, 6, 10), (0, 7, 11), (1, 3, 12), (2, 1, 13), (3, 0, 14),
        ]
        for item in expected {
            #expect(StoredHashes.index(level: item.level, n: item.n) == item.index, "level \(item.level) n \(item.n)")
        }
        #expect(StoredHashes.count(treeSize: 8) == 15)
        #expect(StoredHashes.count(treeSize: 1 << 40) == (1 << 41) - 1)
    }

    /// Every stored subtree hash sits where StoredHashes.index says it does.
    @Test func merkleStoredHashIndexFindsSubtreeRoots() {
        let tree = MerkleTestTree(size: 300)
        for level in 0...8 {
            let width = 1 << level
            for n in 0..<(300 / width) {
                let subtree = Array(tree.leaves[(n * width)..<((n + 1) * width)])
                let index = Int(StoredHashes.index(level: level, n: Int64(n)))
                #expect(tree.store.hashes[index] == MTH(leaves: subtree), "level \(level) n \(n)")
            }
        }
    }

    @Test func merkleHashesToStoreMatchesBuilder() throws {
        let tree = MerkleTestTree(size: 300)
        let hasher = MerkleHasher()
        var store = MemoryHashStore()
        for (index, leafHash) in tree.leafHashes.enumerated() {
            let hashes = try StoredHashes.hashesToStore(for: Int64(index), leafHash: leafHash, reader: store, hasher: hasher)
            store.append(hashes)
        }
        #expect(store.hashes == tree.store.hashes)
    }

    /// Restoring reads one hash per set bit of the size, then behaves like the original.
    @Test func merkleRestoredBuilderContinuesIdentically() throws {
        let tree = MerkleTestTree(size: 300)
        let hasher = MerkleHasher()
        for size in [0, 1, 2, 3, 7, 8, 100, 255, 256, 257, 299] {
            var prefixStore = MemoryHashStore()
            prefixStore.append(Array(tree.store.hashes.prefix(Int(StoredHashes.count(treeSize: Int64(size))))))
            let reader = CountingReader(prefixStore)
            var restored = try TreeBuilder(restoringSize: Int64(size), reader: reader)
            #expect(reader.indexesRead.count == size.nonzeroBitCount)
            #expect(restored.size == Int64(size))
            #expect(restored.root(hasher: hasher) == tree.rootsBySize[size])
            var emitted = [Hash32]()
            for leafHash in tree.leafHashes[size...] {
                emitted += restored.append(leafHash: leafHash, hasher: hasher)
            }
            #expect(restored.root(hasher: hasher) == tree.rootsBySize[300])
            #expect(prefixStore.hashes + emitted == tree.store.hashes)
        }
    }

    @Test func merkleRestoreFailsBeyondStoredHashes() {
        let tree = MerkleTestTree(size: 5)
        #expect(throws: LedgerError.self) { try TreeBuilder(restoringSize: 6, reader: tree.store) }
        #expect(throws: LedgerError.self) { try TreeBuilder(restoringSize: -1, reader: tree.store) }
    }
}
