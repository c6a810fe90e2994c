import Foundation
import Testing
@testable import CivicLedger

@Suite struct LogMonitorTests {
    private func stateDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("civic-monitor-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func copy(_ directory: String) throws -> String {
        let target = directory + "-copy-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: directory, toPath: target)
        return target
    }

    private func run(_ directory: String, _ pinned: NoteVerifier, state: String, now: Int64 = 1_000,
                     maxAge: Int64? = nil) throws -> [String] {
        var lines: [String] = []
        try LogMonitor(source: try LedgerDirectorySource(directory: directory), pinned: pinned, stateDirectory: state,
                       maxAgeSeconds: maxAge).run(now: now) { lines.append($0) }
        return lines
    }

    @Test func goodAdvanceAcrossRotationsPasses() throws {
        let ledger = try RotatedLedger()
        let state = try stateDirectory()
        let first = try run(ledger.fixture.directory, ledger.pinned, state: state)
        #expect(first.contains { $0.hasPrefix("ok: consistency: first run, 10 entries") })
        _ = try LedgerWriter.open(directory: ledger.fixture.directory, signer: ledger.keys[2])
            .append(try LedgerFixture.donations(3, prefix: "d"))
        let second = try run(ledger.fixture.directory, ledger.pinned, state: state, now: 2_000, maxAge: 60)
        #expect(second.contains("ok: consistency: size 13 extends size 10 seen before (3 new entries read and hashed to the root)"), "\(second)")
        #expect(second.contains { $0.contains("signed by") && $0.contains("after 2 key rotations") })
    }

    @Test func cutBackHistoryIsARollback() throws {
        let fixture = try LedgerFixture()
        try fixture.append(3, prefix: "a")
        let earlier = try copy(fixture.directory)
        try fixture.append(2, prefix: "b")
        let state = try stateDirectory()
        _ = try run(fixture.directory, fixture.signer.verifier, state: state)
        let error = try #require(throws: LedgerError.self) { try run(earlier, fixture.signer.verifier, state: state) }
        #expect(error.code == .corrupt && error.message.hasPrefix("rollback:") && error.message.contains("size 4, but size 6 was seen before"), "\(error.message)")
        // The state still holds the larger checkpoint.
        #expect(try run(fixture.directory, fixture.signer.verifier, state: state).contains("ok: consistency: size 6, the same checkpoint as seen before"))
    }

    @Test func forkResignedUnderTheSameKeyIsReported() throws {
        let fixture = try LedgerFixture()
        try fixture.append(3, prefix: "a")
        let fork = try copy(fixture.directory)
        try fixture.append(2, prefix: "b")
        let forkWriter = try LedgerWriter.open(directory: fork, signer: fixture.signer)
        _ = try forkWriter.append(try LedgerFixture.donations(2, prefix: "x"))   // same size 6, other entries
        let state = try stateDirectory()
        _ = try run(fixture.directory, fixture.signer.verifier, state: state)
        let same = try #require(throws: LedgerError.self) { try run(fork, fixture.signer.verifier, state: state) }
        #expect(same.message.hasPrefix("fork:") && same.message.contains("another root at size 6"), "\(same.message)")
        // Grown past the stored size, the fork does not extend the stored tree.
        _ = try forkWriter.append(try LedgerFixture.donations(1, prefix: "y"))
        let grown = try #require(throws: LedgerError.self) { try run(fork, fixture.signer.verifier, state: state) }
        #expect(grown.message.hasPrefix("fork:") && grown.message.contains("does not extend the one at size 6"), "\(grown.message)")
    }

    @Test func frozenLogIsStale() throws {
        let fixture = try LedgerFixture()
        let state = try stateDirectory()
        _ = try run(fixture.directory, fixture.signer.verifier, state: state, now: 1_000)
        #expect(try run(fixture.directory, fixture.signer.verifier, state: state, now: 1_060, maxAge: 60).contains { $0.hasPrefix("ok: freshness") })
        let error = try #require(throws: LedgerError.self) {
            try run(fixture.directory, fixture.signer.verifier, state: state, now: 1_061, maxAge: 60)
        }
        #expect(error.message == "stale: no new checkpoint from \(fixture.directory) for 61 seconds, more than --max-age 60")
    }

    @Test func badSignatureAndTileSourceAreChecked() throws {
        let ledger = try RotatedLedger()
        let state = try stateDirectory()
        let publication = ledger.fixture.directory + "-tiles"
        _ = try TilePublisher.publish(reader: try LedgerReader(directory: ledger.fixture.directory), to: publication)
        var lines: [String] = []
        try LogMonitor(source: TileLogSource(directory: publication), pinned: ledger.pinned, stateDirectory: state,
                       maxAgeSeconds: nil).run(now: 0) { lines.append($0) }
        #expect(lines.contains { $0.hasPrefix("ok: consistency: first run, 10 entries") })
        try ledger.resign(size: 10, with: ledger.keys[1])
        let fresh = try stateDirectory()
        let error = try #require(throws: LedgerError.self) { try run(ledger.fixture.directory, ledger.pinned, state: fresh) }
        #expect(error.message.hasPrefix("bad signature:") && error.message.contains("retired key"), "\(error.message)")
    }
}
