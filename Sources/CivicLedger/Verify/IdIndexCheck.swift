/// Checks the `ids` file against the entries without holding all ids in memory: the entry
/// scan sums a 64-bit mix of every (key, seq) pair, and one pass over the table sums the
/// same over its slots. Equal sums and counts mean the table holds exactly the log's ids
/// (up to a 2^-64 chance for random damage). The pass also checks that every slot can be
/// found by probing from its home bucket, or a lookup would miss it.
struct IdIndexCheck {
    let path: String
    let header: IdIndex.Header
    /// One open file for the header and the slots: a writer that replaces the table
    /// (rename) meanwhile leaves this reader on the old, consistent copy.
    private let handle: FileHandle
    private let hasher = SHA256()
    private(set) var digest: UInt64 = 0
    private(set) var count: UInt64 = 0

    /// Reads the table's header before the entry scan, which then adds the ids it covers.
    init(path: String) throws {
        self.path = path
        handle = try FileHandle.openForReading(path)
        header = try IdIndex.Header.decode(try handle.read(at: 0, count: Int(IdIndex.headerByteCount)), path: path)
    }

    /// Mixes of the entries past the header's coverage: a writer killed after writing some
    /// slots but before the header may have left these (and only these) in the table.
    private(set) var uncovered: Set<UInt64> = []

    mutating func add(id: String, seq: UInt64) {
        let mixed = IdIndexCheck.mix(IdIndex.key(id, hasher: hasher), seq)
        guard seq < header.coveredSize else {
            uncovered.insert(mixed)
            return
        }
        digest &+= mixed
        count += 1
    }

    static func mix(_ key: UInt64, _ seq: UInt64) -> UInt64 {
        splitmix(key ^ splitmix(seq &+ 0x9e37_79b9_7f4a_7c15))
    }

    private static func splitmix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Throws `.corrupt` when the table at `path` does not hold exactly the ids added.
    /// The index never runs ahead of the checkpoint (it is written after it); it may lag
    /// behind after a crash, and the next writer catches it up.
    /// `ledgerAdvanced` tells whether a writer has signed a newer checkpoint since the scan
    /// began; its ids for those newer entries may then be in the table, and are not judged.
    func verify(size: UInt64, ledgerAdvanced: () throws -> Bool) throws {
        if try header.coveredSize > size && ledgerAdvanced() { return }
        guard header.coveredSize <= size else {
            throw LedgerError.integrity(.store, "\(path): covers \(header.coveredSize) entries, the ledger holds \(size)")
        }
        let expectedBytes = IdIndex.byteCount(bucketCount: header.bucketCount)
        guard try handle.size() == expectedBytes else {
            throw LedgerError.integrity(.store, "\(path): \(try handle.size()) bytes, its header says \(expectedBytes)")
        }
        var reader = SequentialReader(handle: handle)
        _ = try reader.next(Int(IdIndex.headerByteCount))
        var sum: UInt64 = 0
        var found: UInt64 = 0
        for bucket in 0..<header.bucketCount {
            guard let bytes = try reader.next(IdIndex.slotByteCount) else { throw LedgerError.integrity(.store, "\(path): truncated") }
            let key = IndexFile.decode(bytes[bytes.startIndex..<bytes.startIndex + 8])
            let seqPlusOne = IndexFile.decode(bytes[bytes.startIndex + 8..<bytes.endIndex])
            if key != 0 && seqPlusOne > header.coveredSize && seqPlusOne <= size
                && uncovered.contains(IdIndexCheck.mix(key, seqPlusOne - 1)) {
                continue  // the lag a crash leaves: the next writer keeps it and covers it
            }
            if try key != 0 && seqPlusOne > size && ledgerAdvanced() {
                continue  // a concurrent writer's id for an entry newer than this verification
            }
            try checkSlot(key: key, seqPlusOne: seqPlusOne, bucket: bucket, header: header, path: path)
            if key != 0 {
                sum &+= IdIndexCheck.mix(key, seqPlusOne - 1)
                found += 1
            }
        }
        guard found == count, found == header.count, sum == digest else {
            throw LedgerError.integrity(.store, "\(path): the id index does not hold exactly the ids of the \(size) entries")
        }
        try checkReachable(handle: handle, header: header, path: path)
    }

    private func checkSlot(key: UInt64, seqPlusOne: UInt64, bucket: UInt64, header: IdIndex.Header, path: String) throws {
        guard (key == 0) == (seqPlusOne == 0), seqPlusOne <= header.coveredSize else {
            throw LedgerError.integrity(.store, "\(path): slot \(bucket) is damaged")
        }
    }

    /// Every occupied slot must lie in an unbroken run of occupied slots that starts at or
    /// before its home bucket (cyclically), or probing from home would stop short of it.
    private func checkReachable(handle: FileHandle, header: IdIndex.Header, path: String) throws {
        let mask = header.bucketCount - 1
        func key(_ bucket: UInt64) throws -> UInt64 {
            let bytes = try handle.read(at: IdIndex.headerByteCount + Int64(bucket) * Int64(IdIndex.slotByteCount), count: 8)
            return IndexFile.decode(bytes[...])
        }
        // Start just after an empty slot so runs never wrap unseen (the table is at most half full).
        var start: UInt64 = 0
        while try key(start) != 0 { start = (start + 1) & mask }
        var reader = SequentialReader(handle: handle)
        _ = try reader.next(Int(IdIndex.headerByteCount + Int64(start + 1) * Int64(IdIndex.slotByteCount)))
        var run: UInt64 = 0
        var bucket = (start + 1) & mask
        for _ in 0..<(header.bucketCount - 1) {
            if bucket == 0 { reader = SequentialReader(handle: handle); _ = try reader.next(Int(IdIndex.headerByteCount)) }
            guard let bytes = try reader.next(IdIndex.slotByteCount) else { throw LedgerError.integrity(.store, "\(path): truncated") }
            let slotKey = IndexFile.decode(bytes[bytes.startIndex..<bytes.startIndex + 8])
            if slotKey == 0 {
                run = 0
            } else {
                let distance = (bucket &- (slotKey & mask)) & mask
                guard distance <= run else {
                    throw LedgerError.integrity(.store, "\(path): slot \(bucket) cannot be reached from its home bucket")
                }
                run += 1
            }
            bucket = (bucket + 1) & mask
        }
    }
}
