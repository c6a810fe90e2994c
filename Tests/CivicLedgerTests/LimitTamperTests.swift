import Foundation
import Testing
@testable import CivicLedger

/// Numbers read from ledger files set to the limits of their type: each must give a clean
/// `.corrupt` error from verify and a `LedgerError` (never a trap) from the writer and the
/// reader. Byte flips (TamperTests) rarely reach these values.
@Suite struct LimitTamperTests {
    static let limits: [UInt64] = [UInt64(Int64.max), UInt64.max, 0, 1 << 60]

    static func bigEndian(_ value: UInt64) -> Data {
        Data((0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) })
    }

    /// Sets the 8-byte field at `offset` of `path` to each limit, runs every check, restores it.
    func tamperField(_ fixture: LedgerFixture, _ path: String, at offset: Int) throws {
        let original = try fixture.read(path)
        for value in Self.limits {
            var mutated = original
            mutated.replaceSubrange(offset..<offset + 8, with: Self.bigEndian(value))
            guard mutated != original else { continue }
            try fixture.write(mutated, path)
            let error = #expect(throws: LedgerError.self, "\(path) offset \(offset) = \(value)") { try fixture.verify() }
            #expect(error?.code == .corrupt, "\(path) offset \(offset) = \(value): \(error?.message ?? "")")
            let reader = try LedgerReader(directory: fixture.directory)
            for seq in 0..<reader.size { _ = try? reader.entry(seq: seq) }  // must not trap
            do { _ = try fixture.open() } catch is LedgerError {}          // nor may the writer
            try fixture.write(original, path)
        }
    }

    @Test func idIndexHeaderAndSlotsAtTypeLimits() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(4, prefix: "a")
        for offset in [16, 24, 32] { try tamperField(fixture, "ids", at: offset) }  // buckets, count, covered
        let ids = try fixture.read("ids")
        let slot = try #require(stride(from: 64, to: ids.count, by: 16).first { ids[$0..<$0 + 8].contains { $0 != 0 } })
        try tamperField(fixture, "ids", at: slot)
        try tamperField(fixture, "ids", at: slot + 8)
        #expect(try fixture.verify().size == 5)
    }

    @Test func indexOffsetsAtTypeLimits() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(3, prefix: "a")
        for seq in 0..<4 {
            try tamperField(fixture, "index", at: 8 * seq)
            let reader = try LedgerReader(directory: fixture.directory)
            #expect(try reader.entry(seq: UInt64(seq)) != nil)
        }
    }

    @Test func anIndexOffsetPastTheSegmentIsAnErrorNotAbsence() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(2, prefix: "a")
        var index = try fixture.read("index")
        index.replaceSubrange(8..<16, with: Self.bigEndian(UInt64(Int64.max)))
        try fixture.write(index, "index")
        let reader = try LedgerReader(directory: fixture.directory)
        #expect(throws: LedgerError.self) { try reader.entry(seq: 1) }
        #expect(try reader.entry(seq: 3) == nil)  // absence only past the end
    }

    @Test func checkpointNamedWithAHugeSizeIsCorruption() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(2, prefix: "a")
        let newest = try #require(try fixture.files().last { $0.hasPrefix("checkpoints/") })
        for size in [UInt64(Int64.max), UInt64.max, 1 << 62] {
            let name = "checkpoints/" + LedgerLayout.padded(size)
            try fixture.write(try fixture.read(newest), name)
            let verifyError = #expect(throws: LedgerError.self, "\(name)") { try fixture.verify() }
            #expect(verifyError?.code == .corrupt, "\(name): \(verifyError?.message ?? "")")
            #expect(throws: LedgerError.self, "\(name)") { try fixture.open() }
            try FileManager.default.removeItem(atPath: fixture.directory + "/" + name)
        }
        #expect(try fixture.verify().size == 3)
    }

    @Test func checkpointTextWithASizeAtTheLimitsIsRefused() throws {
        let root = "/Er3U/5AX2YkqgmroDSscPuuZrK6f5krDY2DACYCxJk="
        for size in ["9223372036854775807", "18446744073709551615", "2305843009213693953"] {
            #expect(throws: LedgerError.self) { try Checkpoint(text: "ex.org/a\n\(size)\n\(root)\n") }
        }
        #expect(try Checkpoint(text: "ex.org/a\n2305843009213693952\n\(root)\n").size == 1 << 61)
    }

    /// The largest size canonical JSON holds (2^53 − 1), then a huge file.
    @Test func derivedStateAtTheLimitsOrHugeIsReportedNotRead() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(1, prefix: "a")
        try FileManager.default.createDirectory(atPath: fixture.directory + "/state", withIntermediateDirectories: true)
        try fixture.write(Data(DerivedState.encode(size: (1 << 53) - 1, state: .object([:]))), "state/book.json")
        #expect((#expect(throws: LedgerError.self) { try fixture.verify() })?.code == .corrupt)
        // A 1 GiB sparse state file is refused by its size, before it is read.
        try fixture.write(Data(), "state/book.json")
        #expect(truncate(fixture.directory + "/state/book.json", 1 << 30) == 0)
        let error = #expect(throws: LedgerError.self) { try fixture.verify() }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("limit") == true, "\(error?.message ?? "")")
        let reader = try LedgerReader(directory: fixture.directory)
        #expect(throws: LedgerError.self) { try reader.derivedState("book") }
    }
}
