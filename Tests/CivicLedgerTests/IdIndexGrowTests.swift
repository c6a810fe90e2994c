import Foundation
import Testing
@testable import CivicLedger

/// The id index grown a window at a time holds every key where a look-up finds it.
@Suite struct IdIndexGrowTests {
    /// Every slot's (key, seq + 1), checking that each key sits at the end of an unbroken run
    /// of full slots from its home bucket (so a look-up reaches it).
    static func slots(_ path: String) throws -> [UInt64: [UInt64]] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let buckets = (bytes.count - 64) / 16
        func key(_ bucket: Int) -> UInt64 { IndexFile.decode(bytes[64 + bucket * 16..<64 + bucket * 16 + 8]) }
        var found: [UInt64: [UInt64]] = [:]
        for bucket in 0..<buckets where key(bucket) != 0 {
            var probe = Int(key(bucket) & UInt64(buckets - 1))
            while probe != bucket {
                #expect(key(probe) != 0, "a look-up of slot \(bucket)'s key stops at empty bucket \(probe)")
                probe = (probe + 1) % buckets
            }
            found[key(bucket), default: []].append(IndexFile.decode(bytes[64 + bucket * 16 + 8..<64 + bucket * 16 + 16]))
        }
        return found
    }

    @Test func aTableGrownInWindowsHoldsEveryKeyWhereALookUpFindsIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ids-grow-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = try IdIndex.create(at: directory + "/ids")
        index.growWindowBucketCount = 1024
        var generator = SystemRandomNumberGenerator()
        var expected: [UInt64: [UInt64]] = [:]
        var seq: UInt64 = 0
        // Keys crowding the last buckets wrap to the first; slices grow the table 1,024 → 16,384 buckets.
        for slice in 0..<6 {
            let items = (0..<1_200).map { offset -> (key: UInt64, seq: UInt64) in
                let low = offset < 40 ? UInt64(1 << 20) - 1 - UInt64(offset % 3) : generator.next(upperBound: 1 << 20)
                let key = (generator.next() << 20) | low | (low == 0 ? 1 : 0)
                defer { seq += 1 }
                return (key, seq)
            }
            for item in items { expected[item.key, default: []].append(item.seq + 1) }
            try index.insert(keys: items, coveredSize: seq, inMemory: slice % 2 == 0)
        }
        #expect(index.header.bucketCount == 16_384 && index.header.count == 7_200)
        let found = try Self.slots(directory + "/ids")
        #expect(found.mapValues { $0.sorted() } == expected.mapValues { $0.sorted() })
    }
}
