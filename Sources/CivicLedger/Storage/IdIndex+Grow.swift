#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IdIndex {
    /// Rebuilds the table with `bucketCount` buckets in memory that does not grow with it:
    /// the new table is built `growWindowBucketCount` buckets at a time into a temporary file,
    /// renamed into place (a crash leaves the old table or the new). The keys whose new home
    /// is in a window all have their old home in one range of the old table (the new bucket
    /// count is a multiple of the old), and sit there or further along an unbroken run of
    /// full slots, so each window reads only that range and the run after it. A key that
    /// probes past a window's end starts the next window; past the table's end, the first.
    /// Returns the new header; the caller reopens the file.
    func growInWindows(to bucketCount: UInt64) throws -> Header {
        let oldCount = header.bucketCount
        let window = growWindowBucketCount
        precondition(bucketCount > oldCount && bucketCount % window == 0 && window.nonzeroBitCount == 1, "windows tile the table")
        let temporary = FileSystem.parent(of: path) + "/." + FileSystem.base(of: path) + ".tmp"
        let out = try FileHandle.open(temporary, flags: O_RDWR | O_CREAT | O_TRUNC)
        let grown = Header(bucketCount: bucketCount, count: header.count, coveredSize: header.coveredSize)
        try out.write(grown.encoded(), at: 0)
        var carry: [(key: UInt64, value: UInt64)] = []
        var start: UInt64 = 0
        while start < bucketCount {
            defer { start += window }
            var slots = [UInt8](repeating: 0, count: Int(window) * IdIndex.slotByteCount)
            var next: [(key: UInt64, value: UInt64)] = []
            func place(_ key: UInt64, _ value: UInt64, from first: UInt64) {
                var bucket = first
                while bucket < window {
                    let at = Int(bucket) * IdIndex.slotByteCount
                    if IndexFile.decode(slots[at..<at + 8]) == 0 {
                        slots.replaceSubrange(at..<at + IdIndex.slotByteCount, with: IdIndex.slot(key, value))
                        return
                    }
                    bucket += 1
                }
                next.append((key, value))
            }
            for item in carry { place(item.key, item.value, from: 0) }
            try forEachOldSlot(from: start % oldCount, count: min(window, oldCount)) { key, value in
                let home = key & (bucketCount - 1)
                if home >= start && home < start + window { place(key, value, from: home - start) }
            }
            try out.write(slots, at: IdIndex.headerByteCount + Int64(start) * Int64(IdIndex.slotByteCount))
            carry = next
        }
        // Past the last bucket: the first free ones from bucket 0 (under half full, few).
        for item in carry {
            var bucket: UInt64 = 0
            while IndexFile.decode(try out.read(at: IdIndex.headerByteCount + Int64(bucket) * 16, count: 8)[...]) != 0 { bucket += 1 }
            try out.write(IdIndex.slot(item.key, item.value), at: IdIndex.headerByteCount + Int64(bucket) * 16)
        }
        try out.sync()
        guard rename(temporary, path) == 0 else { throw FileHandle.error("rename", temporary) }
        try FileSystem.syncDirectory(FileSystem.parent(of: path))
        return grown
    }

    /// One slot's bytes: the key, then seq + 1.
    static func slot(_ key: UInt64, _ seqPlusOne: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        IndexFile.encode(key, into: &bytes)
        IndexFile.encode(seqPlusOne, into: &bytes)
        return bytes
    }

    /// Every full slot of the old table from bucket `first` for `count` buckets, then on
    /// (wrapping) to the first empty one, read a megabyte at a time.
    private func forEachOldSlot(from first: UInt64, count: UInt64, _ body: (UInt64, UInt64) throws -> Void) throws {
        let oldCount = header.bucketCount
        let chunk: UInt64 = 65_536
        var bucket = first
        var seen: UInt64 = 0
        while seen < oldCount {
            let take = min(chunk, oldCount - bucket)
            let bytes = try handle.read(at: IdIndex.headerByteCount + Int64(bucket) * Int64(IdIndex.slotByteCount),
                                        count: Int(take) * IdIndex.slotByteCount)
            guard bytes.count == Int(take) * IdIndex.slotByteCount else { throw LedgerError(.corrupt, "\(path): truncated") }
            for index in 0..<Int(take) {
                let key = IndexFile.decode(bytes[index * 16..<index * 16 + 8])
                // Past the range, the run of full slots ends at the first empty one.
                if key == 0 && seen >= count { return }
                seen += 1
                if key != 0 { try body(key, IndexFile.decode(bytes[index * 16 + 8..<index * 16 + 16])) }
            }
            bucket = (bucket + take) % oldCount
        }
    }
}
