/// One streaming pass over the acknowledged entries, recomputing everything the index,
/// the tree file and the checkpoints claim about them.
struct EntryScan {
    let reader: LedgerReader
    let origin: String
    let expectedRoots: [UInt64: Hash32]
    /// The kept checkpoints' notes by size, and an auditor's held one: each signature is
    /// checked when the scan reaches its size, under the key in force there.
    let notes: [UInt64: SignedNote]
    let held: (size: UInt64, note: SignedNote)?
    /// The keys followed so far: the pinned key, then one per `key` entry scanned.
    private(set) var keys: KeyChain
    private let hasher = MerkleHasher()
    private var builder = TreeBuilder()
    /// The hashes the last leaf added to the tree, in one array kept for every leaf.
    private var storedHashes: [Hash32] = []
    private var index: SequentialReader
    private var tree: SequentialReader
    private var previousLeaf = Hash32.zero
    private var previousTime = ""
    private var lastLineEnd: (path: String, offset: UInt64) = ("", 0)
    private(set) var ids: IdIndexCheck?
    /// A stored tree hash that disagreed with seq `seq`: the entry or the tree file changed.
    /// The next entry's `prev` (or the checkpoint root) tells which, and so which rule broke.
    private var treeMismatch: (seq: UInt64, message: String)?
    /// Called with each entry once it has been checked (the audit's rules run here).
    var observer: ((Entry) -> Void)?
    /// The sizes with a root or a signature to check, ascending, and the first not yet
    /// passed: most sizes have neither, and two dictionary look-ups an entry to find that
    /// out cost more than the rest of the ordered checks.
    private let checkedSizes: [UInt64]
    private var nextChecked = 0

    init(reader: LedgerReader, origin: String, expectedRoots: [UInt64: Hash32], notes: [UInt64: SignedNote],
         held: (size: UInt64, note: SignedNote)?, keys: KeyChain) throws {
        self.reader = reader
        self.origin = origin
        self.expectedRoots = expectedRoots
        self.notes = notes
        self.held = held
        self.keys = keys
        checkedSizes = Set(expectedRoots.keys).union(notes.keys).union(held.map { [$0.size] } ?? []).sorted()
        index = SequentialReader(handle: try FileHandle.openForReading(reader.layout.indexPath))
        tree = SequentialReader(handle: try FileHandle.openForReading(reader.layout.treePath))
        // A ledger written before the id index existed has none; its next writer builds it.
        if FileSystem.exists(reader.layout.idsPath) { ids = try IdIndexCheck(path: reader.layout.idsPath) }
    }

    /// Returns the root at the newest checkpoint.
    mutating func run() throws -> Hash32 {
        try checkRoot(atSize: 0)
        var batch: [EntryLineReader.Line] = []
        batch.reserveCapacity(EntryScan.batchCount)
        try reader.forEachLine { line in
            batch.append(line)
            if batch.count == EntryScan.batchCount {
                try checkBatch(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try checkBatch(batch)
        if let treeMismatch {
            // The last entry: the checkpoint root decides (a changed entry changes the root).
            try checkRoot(atSize: reader.size)
            throw LedgerError.integrity(.store, treeMismatch.message)
        }
        let reader = self.reader
        var advanced: Bool?
        try ids?.verify(size: reader.size) {
            // A listing error is an error, not "no newer checkpoint".
            if advanced == nil { advanced = (try reader.checkpoints.sizes().last ?? 0) > reader.size }
            return advanced!
        }
        return builder.root(hasher: hasher)
    }

    /// Lines decoded and hashed together on every core, then checked in log order.
    static let batchCount = 2048

    private mutating func checkBatch(_ lines: [EntryLineReader.Line]) throws {
        guard !lines.isEmpty else { return }
        let decoded = ParallelDecode.run(lines.map { $0.bytes })
        for (line, result) in zip(lines, decoded) {
            try check(seq: line.seq, decoded: result)
            guard IndexFile.decode(try nextIndexRecord(seq: line.seq)) == line.offset else {
                throw LedgerError.integrity(.store, "\(index.path) offset \(Int64(line.seq) * 8): wrong offset for seq \(line.seq)")
            }
            lastLineEnd = (line.segmentPath, line.offset + UInt64(line.bytes.count) + 1)
        }
    }

    private mutating func check(seq: UInt64, decoded: ParallelDecode.Decoded) throws {
        guard let entry = decoded.entry else {
            throw LedgerError.integrity(.canonical, "seq \(seq): \(decoded.error?.message ?? "cannot be decoded")")
        }
        guard entry.seq == seq else { throw LedgerError.integrity(.chain, "seq \(seq): the entry says seq \(entry.seq)") }
        guard entry.prev == previousLeaf else {
            let changed = treeMismatch == nil ? "" : " (entry \(seq - 1) was changed)"
            throw LedgerError.integrity(.chain, "seq \(seq): prev does not equal the leaf hash of seq \(Int64(seq) - 1)\(changed)")
        }
        if let treeMismatch { throw LedgerError.integrity(.store, treeMismatch.message) }
        try checkGenesis(entry)
        if entry.body.kind == .key {
            do { try keys.follow(entry) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, error.message)
            }
        }
        ids?.add(id: entry.body.id, seq: seq)
        let leaf = decoded.leaf
        builder.append(leafHash: leaf, hasher: hasher, into: &storedHashes)
        for hash in storedHashes {
            guard let stored = try tree.next(Hash32.byteCount) else {
                throw LedgerError.integrity(.store, "\(tree.path): ends before the hashes of seq \(seq)")
            }
            if treeMismatch == nil && !stored.withUnsafeBytes(hash.equals) {
                treeMismatch = (seq, "seq \(seq): the stored tree hash at \(tree.path) offset \(tree.offset - Int64(Hash32.byteCount)) disagrees with the entries (the tree file was changed)")
            }
        }
        previousLeaf = leaf
        try checkRoot(atSize: seq + 1)
        if treeMismatch == nil { observer?(entry) }
    }

    private func checkGenesis(_ entry: Entry) throws {
        guard (entry.seq == 0) == (entry.body.kind == .genesis) else {
            throw LedgerError.integrity(.chain, "seq \(entry.seq): " + (entry.seq == 0 ? "the first entry is not a genesis" : "a second genesis entry"))
        }
        guard case .genesis(let genesis) = entry.body.payload else { return }
        guard genesis.origin == origin else {
            throw LedgerError.integrity(.chain, "seq 0: genesis origin \(genesis.origin) differs from the checkpoints' origin \(origin)")
        }
    }

    private mutating func nextIndexRecord(seq: UInt64) throws -> ArraySlice<UInt8> {
        guard let record = try index.next(IndexFile.recordByteCount) else {
            throw LedgerError.integrity(.store, "\(index.path): no record for seq \(seq)")
        }
        return record
    }

    /// Sizes arrive in ascending order (the last one may come twice).
    private mutating func checkRoot(atSize size: UInt64) throws {
        while nextChecked < checkedSizes.count, checkedSizes[nextChecked] < size { nextChecked += 1 }
        guard nextChecked < checkedSizes.count, checkedSizes[nextChecked] == size else { return }
        try checkSignatures(atSize: size)
        guard let expected = expectedRoots[size] else { return }
        guard builder.root(hasher: hasher) == expected else {
            throw LedgerError.integrity(.tree, "checkpoint at size \(size): its root differs from the root of entries 0..<\(size) (an entry below seq \(size) was changed)")
        }
    }

    /// The kept and the held checkpoint of `size` must be signed by the key in force there.
    private func checkSignatures(atSize size: UInt64) throws {
        if let note = notes[size] {
            do { try keys.check(note, size: size) } catch let error as LedgerError {
                throw LedgerError.integrity(.signature, "\(reader.layout.checkpointPath(size: size)): \(error.message)")
            }
        }
        if let held, held.size == size {
            do { try keys.check(held.note, size: size) } catch let error as LedgerError {
                throw LedgerError.integrity(.consistency, "held checkpoint: \(error.message)")
            }
        }
    }

    /// Bytes in the index and tree past what the newest checkpoint covers, plus entry
    /// bytes past the last acknowledged entry.
    func tailByteCount() throws -> Int64 {
        let size = Int64(reader.size)
        let indexExtra = try FileHandle.openForReading(reader.layout.indexPath).size() - size * 8
        let treeExtra = try FileHandle.openForReading(reader.layout.treePath).size()
            - StoredHashes.count(treeSize: size) * Int64(Hash32.byteCount)
        return max(0, indexExtra) + max(0, treeExtra) + (try entryTailByteCount())
    }

    /// Entry bytes after the last acknowledged entry: the rest of its segment and any later ones.
    private func entryTailByteCount() throws -> Int64 {
        var total: Int64 = 0
        var afterLast = false
        for first in reader.segments.firstSeqs {
            let path = reader.segments.path(firstSeq: first)
            let size = try FileHandle.openForReading(path).size()
            if path == lastLineEnd.path {
                total += size - Int64(lastLineEnd.offset)
                afterLast = true
            } else if afterLast {
                total += size
            }
        }
        return total
    }
}
