import Foundation
import Testing
@testable import CivicLedger

/// Found by Scripts/crash-test: a writer killed while adding ids to `ids` (after the
/// checkpoint: the batch is committed) left slots past the header's coverage. Verify called
/// that damage, and the next writer added the same ids a second time.
@Suite struct CrashIdIndexTests {
    @Test func slotsWrittenBeforeTheHeaderAreALagNotDamage() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(3, prefix: "a")
        let before = try fixture.read("ids")
        try fixture.append(4, prefix: "b")
        var crashed = try fixture.read("ids")
        #expect(crashed.count == before.count)  // no growth: the same table
        // The kill landed after the slot writes, before the header write.
        crashed.replaceSubrange(0..<Int(IdIndex.headerByteCount), with: before.prefix(Int(IdIndex.headerByteCount)))
        try fixture.write(crashed, "ids")
        #expect(try fixture.verify().size == 8)
        // Some of the batch's slots only (the kill landed between two slot writes).
        var partial = crashed
        let slots = (0..<((partial.count - 64) / 16)).filter { bucket in
            before[64 + bucket * 16..<64 + bucket * 16 + 16] != partial[64 + bucket * 16..<64 + bucket * 16 + 16]
        }
        #expect(slots.count == 4)
        partial.replaceSubrange(64 + slots[0] * 16..<64 + slots[0] * 16 + 16, with: [UInt8](repeating: 0, count: 16))
        try fixture.write(partial, "ids")
        #expect(try fixture.verify().size == 8)
        // The next writer catches up without adding any id twice; the table is then exact.
        try fixture.append(2, prefix: "c")
        let index = try IdIndex.open(at: fixture.directory + "/ids", readOnly: true)
        #expect(index.header.count == 10 && index.header.coveredSize == 10)
        #expect(try fixture.verify().size == 10)
        // A slot for an entry the log does not hold is still damage.
        var forged = try fixture.read("ids")
        let empty = (0..<((forged.count - 64) / 16)).first { bucket in forged[64 + bucket * 16..<64 + bucket * 16 + 16].allSatisfy { $0 == 0 } }!
        var slot: [UInt8] = []
        IndexFile.encode(IdIndex.key("z-not-in-the-log"), into: &slot)
        IndexFile.encode(11, into: &slot)
        forged.replaceSubrange(64 + empty * 16..<64 + empty * 16 + 16, with: slot)
        try fixture.write(forged, "ids")
        #expect { try fixture.verify() } throws: { ($0 as? LedgerError)?.code == .corrupt }
    }
}
