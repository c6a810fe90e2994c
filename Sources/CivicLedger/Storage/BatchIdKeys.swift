#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The id keys (`IdIndex.key`) of one streamed batch, in memory that does not grow with the
/// batch: a filter of bounded size says at once that most keys are new; a key it may have seen is
/// looked up exactly among the keys kept so far, the latest `runKeyCount` in memory and the
/// rest in sorted runs in an unnamed temporary file (one read of `blockKeyCount` keys a run).
/// Each key stands for a seq (a new entry's, or the recorded one of an id already in the
/// ledger). The new entries' keys are also kept in seq order, for the id index after the
/// commit. The file has no name: it vanishes when the batch ends, also in a crash.
final class BatchIdKeys {
    /// The filter: blocks of 512 bits, 7 bits a key in one block (a single cache line). It
    /// starts at 2^13 blocks (512 KiB) and grows fourfold, rebuilt from the keys kept, while
    /// it holds more than `keysPerBlockMax` keys a block, up to 2^19 blocks (32 MiB): at 10M
    /// keys about 3 in 100,000 new keys are then looked up in vain.
    static let filterBlockCountMin = 1 << 13
    static let filterBlockCountMax = 1 << 19
    static let keysPerBlockMax = 19
    /// Keys held in memory (16 bytes each, with the seq) before they are sorted into a run.
    static let runKeyCountDefault = 1 << 19
    /// Keys in one block of a run: what one look-up reads (4 KiB).
    static let blockKeyCount = 256
    static let pairByteCount = 16

    private struct Run {
        let offset: Int64
        let count: Int
        /// The first key of each block.
        let firstKeys: [UInt64]
    }

    private let directory: String
    private let runKeyCount: Int
    /// Zeroed by `calloc`, so a small batch touches few of its pages.
    private var filter: UnsafeMutablePointer<UInt64>
    private var filterBlockCount: Int
    /// Every key kept so far.
    private var keyCount = 0
    private var recent: [(key: UInt64, seq: UInt64)] = []
    private var recentNewKeys: [UInt64] = []
    private var runs: [Run] = []
    /// Where in the file each spilled chunk of new keys (seq order) is, and how many it holds.
    private var newKeyChunks: [(offset: Int64, count: Int)] = []
    private var file: FileHandle?
    private var fileSize: Int64 = 0
    /// The new entries' keys so far.
    private(set) var newCount = 0

    /// `directory`: where the temporary file goes once more than `runKeyCount` keys are kept.
    init(directory: String, runKeyCount: Int = BatchIdKeys.runKeyCountDefault) throws {
        precondition(runKeyCount >= 1, "a run holds at least one key")
        self.directory = directory
        self.runKeyCount = runKeyCount
        filterBlockCount = BatchIdKeys.filterBlockCountMin
        filter = try BatchIdKeys.zeroedFilter(blockCount: filterBlockCount)
    }

    private static func zeroedFilter(blockCount: Int) throws -> UnsafeMutablePointer<UInt64> {
        guard let memory = calloc(blockCount * 8, MemoryLayout<UInt64>.size) else {
            throw LedgerError(.io, "out of memory for the batch's id filter")
        }
        return memory.bindMemory(to: UInt64.self, capacity: blockCount * 8)
    }

    deinit { free(filter) }

    /// The seqs of every key kept that equals `key`: empty when none does (exact).
    func seqs(of key: UInt64) throws -> [UInt64] {
        guard filterHolds(key) else { return [] }
        var found = recent.filter { $0.key == key }.map(\.seq)
        for run in runs { found += try seqs(of: key, in: run) }
        return found
    }

    /// Keeps `key` for `seq`; `isNew`: the key of the batch's next new entry.
    func add(_ key: UInt64, seq: UInt64, isNew: Bool) throws {
        setFilter(key)
        recent.append((key, seq))
        keyCount += 1
        if keyCount > filterBlockCount * BatchIdKeys.keysPerBlockMax && filterBlockCount < BatchIdKeys.filterBlockCountMax {
            try growFilter()
        }
        if isNew {
            recentNewKeys.append(key)
            newCount += 1
        }
        if recent.count >= runKeyCount { try spill() }
    }

    /// The new entries' keys in seq order, `count` at a time (fewer in the last slice).
    func forEachNewSlice(count: Int, _ body: ([UInt64]) throws -> Void) throws {
        precondition(count > 0, "a slice holds at least one key")
        var slice: [UInt64] = []
        func take(_ keys: [UInt64]) throws {
            for key in keys {
                slice.append(key)
                if slice.count == count {
                    try body(slice)
                    slice.removeAll(keepingCapacity: true)
                }
            }
        }
        for chunk in newKeyChunks {
            guard let file else { preconditionFailure("spilled keys are in the file") }
            let bytes = try file.read(at: chunk.offset, count: chunk.count * 8)
            guard bytes.count == chunk.count * 8 else { throw LedgerError(.io, "\(directory): the batch's temporary id file was cut short") }
            try take(stride(from: 0, to: bytes.count, by: 8).map { IndexFile.decode(bytes[$0..<$0 + 8]) })
        }
        try take(recentNewKeys)
        if !slice.isEmpty { try body(slice) }
    }

    // MARK: the filter

    private func probes(_ key: UInt64) -> (block: Int, bits: UInt64) {
        // SplitMix64's finaliser: the id index uses the key's low bits, the filter other ones.
        var mixed = key &+ 0x9e37_79b9_7f4a_7c15
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        mixed ^= mixed >> 31
        return (Int(key >> UInt64(64 - filterBlockCount.trailingZeroBitCount)), mixed)
    }

    private func filterHolds(_ key: UInt64) -> Bool {
        let (block, bits) = probes(key)
        for probe in 0..<7 {
            let bit = Int((bits >> (9 * UInt64(probe))) & 511)
            if filter[block * 8 + (bit >> 6)] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    private func setFilter(_ key: UInt64) {
        let (block, bits) = probes(key)
        for probe in 0..<7 {
            let bit = Int((bits >> (9 * UInt64(probe))) & 511)
            filter[block * 8 + (bit >> 6)] |= 1 << UInt64(bit & 63)
        }
    }

    /// A filter four times as large, rebuilt from the keys in memory and in the runs.
    private func growFilter() throws {
        let grown = try BatchIdKeys.zeroedFilter(blockCount: min(filterBlockCount * 4, BatchIdKeys.filterBlockCountMax))
        free(filter)
        filter = grown
        filterBlockCount = min(filterBlockCount * 4, BatchIdKeys.filterBlockCountMax)
        for pair in recent { setFilter(pair.key) }
        guard let file else { return }
        for run in runs {
            var start = 0
            while start < run.count {
                let count = min(BatchIdKeys.blockKeyCount * 256, run.count - start)
                let bytes = try file.read(at: run.offset + Int64(start * BatchIdKeys.pairByteCount), count: count * BatchIdKeys.pairByteCount)
                guard bytes.count == count * BatchIdKeys.pairByteCount else {
                    throw LedgerError(.io, "\(directory): the batch's temporary id file was cut short")
                }
                for at in stride(from: 0, to: bytes.count, by: BatchIdKeys.pairByteCount) { setFilter(IndexFile.decode(bytes[at..<at + 8])) }
                start += count
            }
        }
    }

    // MARK: the runs

    /// Sorts the keys in memory into a run at the end of the file, with the new keys' chunk.
    private func spill() throws {
        let handle = try file ?? openFile()
        file = handle
        recent.sort { $0.key < $1.key }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(recent.count * BatchIdKeys.pairByteCount)
        for pair in recent {
            IndexFile.encode(pair.key, into: &bytes)
            IndexFile.encode(pair.seq, into: &bytes)
        }
        let firstKeys = stride(from: 0, to: recent.count, by: BatchIdKeys.blockKeyCount).map { recent[$0].key }
        try append(bytes, to: handle)
        runs.append(Run(offset: fileSize - Int64(bytes.count), count: recent.count, firstKeys: firstKeys))
        recent.removeAll(keepingCapacity: true)
        guard !recentNewKeys.isEmpty else { return }
        bytes.removeAll(keepingCapacity: true)
        for key in recentNewKeys { IndexFile.encode(key, into: &bytes) }
        try append(bytes, to: handle)
        newKeyChunks.append((fileSize - Int64(bytes.count), recentNewKeys.count))
        recentNewKeys.removeAll(keepingCapacity: true)
    }

    private func append(_ bytes: [UInt8], to handle: FileHandle) throws {
        try handle.write(bytes, at: fileSize)
        fileSize += Int64(bytes.count)
    }

    /// The keys equal to `key` in the one block of `run` that can hold them: the last whose
    /// first key is not above it (keys that straddle blocks begin the later ones).
    private func seqs(of key: UInt64, in run: Run) throws -> [UInt64] {
        var low = 0, high = run.firstKeys.count
        while low < high {
            let middle = (low + high) / 2
            if run.firstKeys[middle] <= key { low = middle + 1 } else { high = middle }
        }
        guard low > 0, let file else { return [] }
        let block = low - 1
        let count = min(BatchIdKeys.blockKeyCount, run.count - block * BatchIdKeys.blockKeyCount)
        let offset = run.offset + Int64(block * BatchIdKeys.blockKeyCount * BatchIdKeys.pairByteCount)
        let bytes = try file.read(at: offset, count: count * BatchIdKeys.pairByteCount)
        guard bytes.count == count * BatchIdKeys.pairByteCount else {
            throw LedgerError(.io, "\(directory): the batch's temporary id file was cut short")
        }
        return stride(from: 0, to: bytes.count, by: BatchIdKeys.pairByteCount).compactMap { start in
            IndexFile.decode(bytes[start..<start + 8]) == key ? IndexFile.decode(bytes[start + 8..<start + 16]) : nil
        }
    }

    /// An unnamed file in `directory` (Linux's `O_TMPFILE`, whose value is spelled out here);
    /// where the file system has none, a named one removed at once. The first attempt's error
    /// is not the answer (the second's is), hence `try?`.
    private func openFile() throws -> FileHandle {
        let unnamed: Int32 = 0o20000000 | O_DIRECTORY
        if let handle = try? FileHandle.open(directory, flags: unnamed | O_RDWR, mode: 0o600) { return handle }
        let path = directory + "/.batch-ids-" + Hex.encode(try SecureRandom.bytes(8))
        let handle = try FileHandle.open(path, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o600)
        try FileSystem.remove(path)
        return handle
    }
}
