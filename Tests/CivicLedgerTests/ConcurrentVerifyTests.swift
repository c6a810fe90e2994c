import Foundation
import Testing
@testable import CivicLedger

/// A verification that runs while a writer appends must still pass: the writer's id-index
/// slots and derived state for entries newer than the verification are not its business.
@Suite struct ConcurrentVerifyTests {
    /// A small batch updates the id table in place; a large one replaces it whole.
    @Test(arguments: [10, 700])
    func aWriteDuringVerificationDoesNotFailIt(batch: Int) throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(600, prefix: "a")
        let verifier = try LedgerVerifier(directory: fixture.directory, verifiers: [fixture.signer.verifier])
        var appended = false
        var failure: Error?
        let report = try verifier.verify { entry in
            guard entry.seq == 3, !appended else { return }
            appended = true
            do { try fixture.append(batch, prefix: "b") } catch { failure = error }
        }
        #expect(failure == nil)
        #expect(appended && report.size == 601)
        #expect(try fixture.verify().size == 601 + UInt64(batch))
    }

    @Test func aDamagedSlotIsStillFoundWhenNothingIsWriting() throws {
        let fixture = try LedgerFixture()
        defer { fixture.remove() }
        try fixture.append(20, prefix: "a")
        var ids = try fixture.read("ids")
        let slot = try #require((64..<ids.count).first { ids[$0] != 0 })
        ids[slot] ^= 0x40
        try fixture.write(ids, "ids")
        #expect { try fixture.verify() } throws: { ($0 as? LedgerError)?.integrity == .store }
    }
}
