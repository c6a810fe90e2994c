import CivicLedger
import Foundation
import Testing

/// A witness that follows a log's key rotations (`--log-keys`): it fetches the key chain
/// proof only when a checkpoint is signed by a key it does not trust yet, verifies it
/// against the request's own root, persists the new key, and refuses the retired one.
@Suite struct WitnessRotationTests {
    /// The body of an add-checkpoint request for the ledger's newest checkpoint (or `note`).
    static func request(_ fixture: WitnessFixture, old: UInt64, note: SignedNote? = nil) throws -> AddCheckpointRequest {
        let note = try note ?? fixture.newest()
        let size = try Checkpoint(text: note.text).size
        let proof = old == 0 || old == size ? [] : try LedgerReader(directory: fixture.directory).consistencyProof(from: old, to: size)
        return try AddCheckpointRequest(body: Array(("old \(old)\n" + proof.map { $0.base64 + "\n" }.joined() + "\n" + note.serialized).utf8))
    }

    /// The log's key chain proof for `size`, as `GET /ledgers/NAME/key-chain?size=N` serves it.
    static func chain(_ directory: String, size: UInt64) throws -> [UInt8] {
        guard let proof = try KeyChainProof.make(reader: LedgerReader(directory: directory), treeSize: size) else {
            throw LedgerError(.invalidProof, "no key entry")
        }
        return Array(proof.text.utf8)
    }

    static func service(_ fixture: WitnessFixture, state: String, pinned: NoteVerifier? = nil,
                        source: @escaping WitnessService.KeyChainSource) throws -> WitnessService {
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        return try WitnessService(signer: try CosignatureSigner.generate(name: "witness.example.org/follow"),
                                  logs: [fixture.signer.name: [pinned ?? fixture.signer.verifier]], stateDirectory: state,
                                  keyChains: [fixture.signer.name: source])
    }

    /// Rotates the fixture's ledger to a new key and appends one entry; returns the new key.
    static func rotate(_ fixture: WitnessFixture) throws -> NoteSigner {
        let next = try NoteSigner.generate(name: fixture.signer.name)
        let writer = try LedgerWriter.open(directory: fixture.directory, signer: fixture.signer)
        _ = try writer.rotateKey(to: next, id: "key-1", date: "2025-03-02")
        _ = try writer.append([try ServerFixture.body(ServerFixture.fund("AFTER"))])
        return next
    }

    static func status(_ body: () throws -> Void) -> Int? {
        do { try body(); return 200 } catch let refusal as AddCheckpointRefusal { return refusal.status } catch { return nil }
    }

    /// Every file of `directory` with its bytes, to show a refusal changed nothing.
    static func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name != "LOCK" {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }

    @Test func followsARotationPersistsTheKeyAndRefusesTheRetiredOne() throws {
        let fixture = try WitnessFixture()
        defer { fixture.remove() }
        let state = fixture.root + "/follow"
        let before = try Checkpoint(text: fixture.newest().text).size
        let fetches = Outcomes()
        var next: NoteSigner?
        do {
            let witness = try WitnessRotationTests.service(fixture, state: state) { size in
                fetches.record("\(size)")
                return try WitnessRotationTests.chain(fixture.directory, size: size)
            }
            _ = try witness.add(try WitnessRotationTests.request(fixture, old: 0), timestamp: 1)
            #expect(fetches.counts.values.reduce(0, +) == 0, "the first key needs no chain")
            next = try WitnessRotationTests.rotate(fixture)
            _ = try witness.add(try WitnessRotationTests.request(fixture, old: before), timestamp: 2)
            #expect(fetches.counts.values.reduce(0, +) == 1)
        }
        // A restarted witness that cannot fetch anything still trusts the new key from its state.
        let restarted = try WitnessRotationTests.service(fixture, state: state) { _ in throw LedgerError(.invalidProof, "offline") }
        let size = try restarted.latestSize(origin: fixture.signer.name)
        #expect(size > before)
        #expect(WitnessRotationTests.status { _ = try restarted.add(try WitnessRotationTests.request(fixture, old: size), timestamp: 3) } == 200)
        // The next checkpoint signed only by the retired key is refused, and nothing moves.
        let writer = try LedgerWriter.open(directory: fixture.directory, signer: try #require(next))
        _ = try writer.append([try ServerFixture.body(ServerFixture.fund("LATER"))])
        let forged = try SignedNote.sign(text: try fixture.newest().text, signers: [fixture.signer])
        let saved = try WitnessRotationTests.snapshot(state)
        #expect(WitnessRotationTests.status { _ = try restarted.add(try WitnessRotationTests.request(fixture, old: size, note: forged), timestamp: 4) } == 403)
        #expect(try WitnessRotationTests.snapshot(state) == saved)
    }

    /// Each hostile answer to the fetch is a 403 and leaves the state as it was.
    @Test func hostileKeyChainsAreRefused() throws {
        let fixture = try WitnessFixture()
        defer { fixture.remove() }
        let before = try Checkpoint(text: fixture.newest().text).size
        let next = try WitnessRotationTests.rotate(fixture)
        let note = try fixture.newest()
        let size = try Checkpoint(text: note.text).size
        let honest = try WitnessRotationTests.chain(fixture.directory, size: size)
        // The chain of a tree one entry larger: its inclusion proofs do not verify in the request's tree.
        _ = try LedgerWriter.open(directory: fixture.directory, signer: next).append([try ServerFixture.body(ServerFixture.fund("EXTRA"))])
        let larger = try WitnessRotationTests.chain(fixture.directory, size: size + 1)
        // Another ledger under another origin, rotated the same way.
        let other = try WitnessFixture()
        defer { other.remove() }
        _ = try WitnessRotationTests.rotate(other)
        let foreign = try WitnessRotationTests.chain(other.directory, size: try Checkpoint(text: other.newest().text).size)
        let tampered = Array(String(decoding: honest, as: UTF8.self).replacingOccurrences(of: "\"new_sig\":\"", with: "\"new_sig\":\"A").utf8)
        let cases: [(String, NoteVerifier?, [UInt8]?)] = [
            ("wrong first key", try NoteSigner.generate(name: fixture.signer.name).verifier, honest),
            ("entry not in this tree", nil, larger),
            ("tampered new_sig", nil, tampered),
            ("another origin's chain", nil, foreign),
            ("fetch fails", nil, nil),
        ]
        for (index, (name, pinned, bytes)) in cases.enumerated() {
            let state = fixture.root + "/hostile\(index)"
            let witness = try WitnessRotationTests.service(fixture, state: state, pinned: pinned) { _ in
                guard let bytes else { throw LedgerError(.invalidProof, "connection refused") }
                return bytes
            }
            #expect(WitnessRotationTests.status { _ = try witness.add(try WitnessRotationTests.request(fixture, old: 0, note: note), timestamp: 1) } == 403, "\(name)")
            #expect(try WitnessRotationTests.snapshot(state).isEmpty, "\(name)")
        }
        #expect(before < size)
    }
}

/// `GET /ledgers/NAME/key-chain`: its refusals (the 200 is `KeyChainProof.make`, above).
@Suite struct KeyChainRouteTests {
    @Test func refusalsAre4xx() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            var statuses: [Int] = []
            for uri in ["/ledgers/a/key-chain", "/ledgers/a/key-chain?size=01", "/ledgers/a/key-chain?size=99", "/ledgers/zz/key-chain"] {
                statuses.append(try await client.get(uri).status)
            }
            // No key entry yet; a non-canonical size; past the newest checkpoint; no such ledger.
            #expect(statuses == [404, 400, 404, 404])
        }
    }
}
