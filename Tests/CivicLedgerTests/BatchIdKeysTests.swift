import Foundation
import Testing
@testable import CivicLedger

/// The streamed batch's id keys: exact look-ups whether a key is in memory or in a run on
/// disk, and the new keys handed back in seq order.
@Suite struct BatchIdKeysTests {
    @Test func lookUpsAreExactAcrossRunsAndNewKeysComeBackInOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batch-ids-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Runs of 300 keys in blocks of 256: 1,050 keys make 3 runs of two blocks, 150 in memory.
        let keys = try BatchIdKeys(directory: directory, runKeyCount: 300)
        var generator = SystemRandomNumberGenerator()
        var added: [(key: UInt64, seq: UInt64, isNew: Bool)] = []
        var newSeq: UInt64 = 1_000
        for index in 0..<1_050 {
            // Every 10th stands for an id already in the ledger; key 42 twice (two ids, one key).
            let key = index == 500 || index == 900 ? 42 : generator.next(upperBound: UInt64.max - 1) + 1
            let isNew = index % 10 != 0
            let seq = isNew ? newSeq : UInt64(index)
            if isNew { newSeq += 1 }
            try keys.add(key, seq: seq, isNew: isNew)
            added.append((key, seq, isNew))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "the temporary file has no name")
        for item in added where item.key != 42 { #expect(try keys.seqs(of: item.key) == [item.seq]) }
        #expect(try keys.seqs(of: 42).sorted() == [added[500].seq, added[900].seq].sorted())
        for _ in 0..<2_000 {
            let absent = generator.next(upperBound: UInt64.max - 1) + 1
            if !added.contains(where: { $0.key == absent }) { #expect(try keys.seqs(of: absent).isEmpty) }
        }
        var slices: [[UInt64]] = []
        try keys.forEachNewSlice(count: 64) { slices.append($0) }
        #expect(slices.dropLast().allSatisfy { $0.count == 64 })
        #expect(slices.flatMap { $0 } == added.filter(\.isNew).map(\.key))
        #expect(keys.newCount == 945)
    }

    @Test func theFilterGrowsFromTheKeysKeptAndMissesNone() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batch-ids-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Past 2^13 blocks × 19 keys the filter is rebuilt, four times larger, from 3 runs and memory.
        let keys = try BatchIdKeys(directory: directory, runKeyCount: 50_000)
        let count = BatchIdKeys.filterBlockCountMin * BatchIdKeys.keysPerBlockMax + 10_000
        var generator = SystemRandomNumberGenerator()
        let added = (0..<count).map { _ in generator.next(upperBound: UInt64.max - 1) + 1 }
        for (seq, key) in added.enumerated() { try keys.add(key, seq: UInt64(seq), isNew: true) }
        for seq in stride(from: 0, to: count, by: 97) { #expect(try keys.seqs(of: added[seq]) == [UInt64(seq)]) }
        #expect(keys.newCount == count)
    }
}
