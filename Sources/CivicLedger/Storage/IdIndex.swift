#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `ids` file: a persistent open-addressing hash table from an entry's writer `id` to
/// its seq, so the writer answers "is this id already in the log?" with a few reads
/// instead of a scan (STD-IDEMP). It is derived from the entries: a slot holds the first
/// 8 bytes of SHA-256(id) and seq + 1, and a hit is always confirmed by reading the entry.
/// Layout: Ledger/SPEC.md, "Storage".
final class IdIndex {
    static let magic = Array("CIVICIDS".utf8)
    static let headerByteCount: Int64 = 64
    static let slotByteCount = 16
    static let bucketCountMin: UInt64 = 1 << 10
    /// 2^57 ids at most half full: far past any real ledger, and the bound keeps the
    /// file size (16 bytes a bucket) far below Int64 overflow.
    static let bucketCountMax: UInt64 = 1 << 58

    /// The file's size for `bucketCount` buckets (bounded by the header's check).
    static func byteCount(bucketCount: UInt64) -> Int64 {
        headerByteCount + Int64(bucketCount) * Int64(slotByteCount)
    }

    /// From this many ids in one batch, the table is read into memory once and written back
    /// whole (atomically) instead of one small read or write per slot.
    static let bulkCountMin = 512

    let path: String
    private(set) var handle: FileHandle
    /// Above this many buckets, a growing table is built a window of buckets at a time
    /// (`IdIndex+Grow`) rather than whole in memory (16 MiB of slots).
    var growWindowBucketCount: UInt64 = 1 << 20
    private(set) var header: Header
    /// The slots, while a bulk batch is being looked up and inserted.
    private var memory: [UInt8]?

    struct Header: Equatable {
        var bucketCount: UInt64
        var count: UInt64
        var coveredSize: UInt64

        func encoded() -> [UInt8] {
            var bytes = IdIndex.magic
            for value in [UInt64(1), bucketCount, count, coveredSize] { IndexFile.encode(value, into: &bytes) }
            bytes += [UInt8](repeating: 0, count: Int(IdIndex.headerByteCount) - bytes.count)
            return bytes
        }

        static func decode(_ bytes: [UInt8], path: String) throws -> Header {
            func field(_ index: Int) -> UInt64 { IndexFile.decode(bytes[(8 + 8 * index)..<(16 + 8 * index)]) }
            guard bytes.count == Int(IdIndex.headerByteCount), Array(bytes[0..<8]) == IdIndex.magic, field(0) == 1,
                  bytes[40...].allSatisfy({ $0 == 0 }) else {
                throw LedgerError(.corrupt, "\(path): not an id index (bad header)")
            }
            let header = Header(bucketCount: field(1), count: field(2), coveredSize: field(3))
            guard header.bucketCount >= IdIndex.bucketCountMin, header.bucketCount <= IdIndex.bucketCountMax,
                  header.bucketCount & (header.bucketCount - 1) == 0, header.count <= header.bucketCount / 2,
                  header.coveredSize <= UInt64(StoredHashes.maxTreeSize) else {
                throw LedgerError(.corrupt, "\(path): id index header holds impossible sizes")
            }
            return header
        }
    }

    private init(path: String, handle: FileHandle, header: Header) {
        self.path = path
        self.handle = handle
        self.header = header
    }

    /// The table's key for an id: never zero, since zero marks an empty slot.
    static func key(_ id: String) -> UInt64 {
        key(id, hasher: SHA256())
    }

    /// The same key through a caller's reused hasher: verify takes one per entry, where a
    /// fresh OpenSSL context and a copy of the id cost more than the hash itself.
    static func key(_ id: String, hasher: SHA256) -> UInt64 {
        var id = id
        id.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        // The digest's first 8 bytes, big-endian, as `IndexFile.decode` reads them.
        let key = hasher.finish().withUnsafeBytes { UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)) }
        return key == 0 ? 1 : key
    }

    static func create(at path: String, bucketCount: UInt64 = bucketCountMin) throws -> IdIndex {
        let header = Header(bucketCount: bucketCount, count: 0, coveredSize: 0)
        let bytes = header.encoded() + [UInt8](repeating: 0, count: Int(bucketCount) * slotByteCount)
        try FileSystem.writeAtomically(bytes, to: path)
        return try open(at: path)
    }

    static func open(at path: String, readOnly: Bool = false) throws -> IdIndex {
        let handle = try FileHandle.open(path, flags: readOnly ? O_RDONLY : O_RDWR)
        let header = try Header.decode(try handle.read(at: 0, count: Int(headerByteCount)), path: path)
        let expected = byteCount(bucketCount: header.bucketCount)
        guard try handle.size() == expected else {
            throw LedgerError(.corrupt, "\(path): id index is \(try handle.size()) bytes, its header says \(expected)")
        }
        return IdIndex(path: path, handle: handle, header: header)
    }

    /// The seqs whose id has the same key as `id`, in probe order; the caller confirms
    /// each by reading the entry.
    func candidates(for id: String) throws -> [UInt64] {
        let key = IdIndex.key(id)
        var found: [UInt64] = []
        var bucket = key & (header.bucketCount - 1)
        for _ in 0..<header.bucketCount {
            let (slotKey, seqPlusOne) = try slot(bucket)
            if slotKey == 0 { return found }
            if slotKey == key {
                guard seqPlusOne > 0 else { throw LedgerError(.corrupt, "\(path): slot \(bucket) is damaged") }
                found.append(seqPlusOne - 1)
            }
            bucket = (bucket + 1) & (header.bucketCount - 1)
        }
        return found
    }

    /// Adds ids for seqs `coveredSize…`, growing the table when it passes half full, and
    /// makes the file durable. Slots are written before the header, so a writer killed in
    /// between leaves slots past the header's `coveredSize`; catching up finds them in place
    /// and does not add them twice.
    func insert(_ items: [(id: String, seq: UInt64)], coveredSize: UInt64) throws {
        try insert(keys: items.map { (IdIndex.key($0.id), $0.seq) }, coveredSize: coveredSize)
    }

    /// As `insert(_:coveredSize:)`, for ids already turned into their keys. Without
    /// `inMemory` the slots are written in place one by one even for many items, so the
    /// table is never held whole in memory (a streamed import).
    func insert(keys items: [(key: UInt64, seq: UInt64)], coveredSize: UInt64, inMemory: Bool = true) throws {
        if (header.count + UInt64(items.count)) * 2 > header.bucketCount {
            try grow(toHold: header.count + UInt64(items.count))
        }
        if inMemory && items.count >= IdIndex.bulkCountMin { try beginBulk() }
        for item in items {
            let key = item.key
            var bucket = key & (header.bucketCount - 1)
            var present = false
            while true {
                let existing = try slot(bucket)
                if existing.key == 0 { break }
                // A slot a killed writer wrote before it could update the header: keep it.
                if existing.key == key && existing.seqPlusOne == item.seq + 1 { present = true; break }
                bucket = (bucket + 1) & (header.bucketCount - 1)
            }
            guard !present else { continue }
            var bytes: [UInt8] = []
            IndexFile.encode(key, into: &bytes)
            IndexFile.encode(item.seq + 1, into: &bytes)
            if memory != nil {
                let start = Int(bucket) * IdIndex.slotByteCount
                memory!.replaceSubrange(start..<start + IdIndex.slotByteCount, with: bytes)
            } else {
                try handle.write(bytes, at: offset(bucket))
            }
        }
        header.count += UInt64(items.count)
        header.coveredSize = coveredSize
        if let slots = memory {
            // Written whole and renamed into place: a crash leaves the old table or the new.
            memory = nil
            try FileSystem.writeAtomically(header.encoded() + slots, to: path)
            handle = try FileHandle.open(path, flags: O_RDWR)
            return
        }
        try handle.sync()
        try handle.write(header.encoded(), at: 0)
        try handle.sync()
    }

    /// Reads the slots into memory for a large batch's lookups and inserts.
    func beginBulk() throws {
        guard memory == nil else { return }
        let bytes = try handle.read(at: IdIndex.headerByteCount, count: Int(header.bucketCount) * IdIndex.slotByteCount)
        guard bytes.count == Int(header.bucketCount) * IdIndex.slotByteCount else {
            throw LedgerError(.corrupt, "\(path): truncated")
        }
        memory = bytes
    }

    /// Drops the in-memory slots (after a refused batch).
    func endBulk() {
        memory = nil
    }

    /// Rebuilds the table with enough buckets to stay under half full, atomically.
    private func grow(toHold count: UInt64) throws {
        var bucketCount = header.bucketCount
        while count * 2 > bucketCount { bucketCount *= 2 }
        if memory == nil && bucketCount > growWindowBucketCount {
            let grown = try growInWindows(to: bucketCount)
            handle = try FileHandle.open(path, flags: O_RDWR)
            header = grown
            return
        }
        var slots = [UInt8](repeating: 0, count: Int(bucketCount) * IdIndex.slotByteCount)
        let old = try handle.read(at: IdIndex.headerByteCount, count: Int(header.bucketCount) * IdIndex.slotByteCount)
        for start in stride(from: 0, to: old.count, by: IdIndex.slotByteCount) {
            let key = IndexFile.decode(old[start..<start + 8])
            guard key != 0 else { continue }
            var bucket = key & (bucketCount - 1)
            while IndexFile.decode(slots[Int(bucket) * 16..<Int(bucket) * 16 + 8]) != 0 { bucket = (bucket + 1) & (bucketCount - 1) }
            slots.replaceSubrange(Int(bucket) * 16..<Int(bucket) * 16 + 16, with: old[start..<start + 16])
        }
        let grown = Header(bucketCount: bucketCount, count: header.count, coveredSize: header.coveredSize)
        try FileSystem.writeAtomically(grown.encoded() + slots, to: path)
        handle = try FileHandle.open(path, flags: O_RDWR)
        header = grown
        if memory != nil { memory = slots }
    }

    private func offset(_ bucket: UInt64) -> Int64 {
        IdIndex.headerByteCount + Int64(bucket) * Int64(IdIndex.slotByteCount)
    }

    private func slot(_ bucket: UInt64) throws -> (key: UInt64, seqPlusOne: UInt64) {
        if let memory {
            let start = Int(bucket) * IdIndex.slotByteCount
            return (IndexFile.decode(memory[start..<start + 8]), IndexFile.decode(memory[start + 8..<start + 16]))
        }
        let bytes = try handle.read(at: offset(bucket), count: IdIndex.slotByteCount)
        guard bytes.count == IdIndex.slotByteCount else { throw LedgerError(.corrupt, "\(path): truncated") }
        return (IndexFile.decode(bytes[0..<8]), IndexFile.decode(bytes[8..<16]))
    }
}
