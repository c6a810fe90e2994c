import CivicAudit
import CivicLedger
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import CivicServer

/// A ledger, its signing key, and witnesses that trust it, in a temporary folder.
struct WitnessFixture {
    let root: String
    let signer: NoteSigner
    let witnesses: [WitnessService]
    let logger: Logger

    init(witnessCount: Int = 1) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("civic-witness-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let signer = try NoteSigner.generate(name: "w.example.org/ledger")
        self.root = root
        self.signer = signer
        let (writer, _) = try LedgerWriter.create(directory: root + "/ledger", genesis: try ServerFixture.body(ServerFixture.genesis(signer)),
                                             signer: signer)
        _ = try writer.append([try ServerFixture.body(ServerFixture.fund("GEN"))])
        try KeyFile.create(signer, at: root + "/ledger.key")
        witnesses = try (1...witnessCount).map { index in
            try FileManager.default.createDirectory(atPath: "\(root)/state\(index)", withIntermediateDirectories: true)
            return try WitnessService(signer: try CosignatureSigner.generate(name: "witness.example.org/w\(index)"),
                                      logs: [signer.name: [signer.verifier]], stateDirectory: "\(root)/state\(index)")
        }
        var logger = Logger(label: "civic.witness.test")
        logger.logLevel = .warning
        self.logger = logger
    }

    var directory: String { root + "/ledger" }

    /// The newest kept checkpoint of the ledger (with its kept cosignatures).
    func newest() throws -> SignedNote {
        let reader = try LedgerReader(directory: directory)
        return try SignedNote.parse(try reader.checkpointBytes(size: reader.size))
    }

    /// Runs `body` with the witnesses served on live loopback ports (their base URLs).
    func live(_ body: @escaping @Sendable ([URL]) async throws -> Void) async throws {
        try await serve(Array(witnesses), urls: [], body)
    }

    private func serve(_ rest: [WitnessService], urls: [URL], _ body: @escaping @Sendable ([URL]) async throws -> Void) async throws {
        guard let first = rest.first else { return try await body(urls) }
        let server = WitnessServer(service: first, host: "127.0.0.1", port: 0, logger: logger)
        try await Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
            .test(.live) { client in
                let port = try #require(client.port)
                let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
                try await serve(Array(rest.dropFirst()), urls: urls + [url], body)
            }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@Suite struct WitnessHTTPTests {
    /// The routes answer as c2sp.org/tlog-witness says, for bodies written here by hand.
    @Test func addCheckpointAnswersEachCase() async throws {
        let fixture = try WitnessFixture()
        defer { fixture.remove() }
        let witness = fixture.witnesses[0]
        let note = try fixture.newest()
        let size = try Checkpoint(text: note.text).size
        let server = WitnessServer(service: witness, host: "127.0.0.1", port: 0, logger: fixture.logger)
        try await Application(router: server.router()).test(.router) { client in
            func post(_ body: String) async throws -> (Int, String?, String) {
                try await client.execute(uri: "/add-checkpoint", method: .post, body: ByteBuffer(string: body)) {
                    (Int($0.status.code), $0.headers[.contentType], String(buffer: $0.body))
                }
            }
            let first = try await post("old 0\n\n" + note.serialized)
            #expect(first.0 == 200 && first.2.hasPrefix("\u{2014} witness.example.org/w1 ") && first.2.hasSuffix("\n"))
            let line = try SignedNote.parse(note.text + "\n" + first.2).signatures.last!
            #expect(witness.signer.verifier.verifiedTimestamp(line, text: note.text) != nil)
            let conflict = try await post("old 0\n\n" + note.serialized)
            #expect(conflict.0 == 409 && conflict.1 == "text/x.tlog.size" && conflict.2 == "\(size)\n")
            #expect(try await post("old \(size + 1)\n\n" + note.serialized).0 == 400)
            #expect(try await post("old 0\n" + note.serialized).0 == 400)
            let other = try NoteSigner.generate(name: "other.example.org/ledger")
            let unknown = try SignedNote.sign(text: Checkpoint(origin: other.name, size: 1, root: MerkleHasher.emptyRoot).text, signers: [other])
            #expect(try await post("old 0\n\n" + unknown.serialized).0 == 404)
            let impostor = try NoteSigner.generate(name: fixture.signer.name)
            let forged = try SignedNote.sign(text: note.text, signers: [impostor])
            #expect(try await post("old \(size)\n\n" + forged.serialized).0 == 403)
            let fork = try SignedNote.sign(text: Checkpoint(origin: fixture.signer.name, size: size, root: MerkleHasher.emptyRoot).text,
                                           signers: [fixture.signer])
            #expect(try await post("old \(size)\n\n" + fork.serialized).0 == 422)
            #expect(try await post(String(repeating: "x", count: AddCheckpointRequest.byteCountMax + 1)).0 == 413)
            #expect(try witness.latestSize(origin: fixture.signer.name) == size)
        }
    }

    /// A kill -9 between the state write and the reply, made deterministic: the state is
    /// durable when `add` returns, so a witness restarted from it (the reply never sent)
    /// answers the retried request with 409 naming exactly that size, and the log resending
    /// from there gets the cosignature. `Scripts/witness-test` kills the real process at
    /// random moments of the same sequence.
    @Test func aRetryAfterTheReplyWasLostIsA409NamingThePersistedSize() throws {
        let fixture = try WitnessFixture()
        defer { fixture.remove() }
        let note = try fixture.newest()
        let size = try Checkpoint(text: note.text).size
        let state = fixture.root + "/lost-reply"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let signer = try CosignatureSigner.generate(name: "witness.example.org/lost")
        let request = try AddCheckpointRequest(body: Array("old 0\n\n\(note.serialized)".utf8))
        do {
            let first = try WitnessService(signer: signer, logs: [fixture.signer.name: [fixture.signer.verifier]], stateDirectory: state)
            _ = try first.add(request, timestamp: 1)  // persisted; the answer is "lost" with the process
        }
        let restarted = try WitnessService(signer: signer, logs: [fixture.signer.name: [fixture.signer.verifier]], stateDirectory: state)
        let conflict = try #require(throws: AddCheckpointRefusal.self) { _ = try restarted.add(request, timestamp: 2) }
        #expect(conflict == .conflict(latestSize: size) && conflict.status == 409)
        let resent = try AddCheckpointRequest(body: Array("old \(size)\n\n\(note.serialized)".utf8))
        let lines = try restarted.add(resent, timestamp: 3)
        #expect(lines.count == 1 && signer.verifier.verifiedTimestamp(lines[0], text: note.text) == 3)
    }

    /// Many threads from the same old size: the compare and the persist are one step.
    @Test func concurrentAddsAdvanceOnce() throws {
        let fixture = try WitnessFixture()
        defer { fixture.remove() }
        let witness = fixture.witnesses[0]
        let note = try fixture.newest()
        let requests = try (0..<50).map { _ in
            try AddCheckpointRequest(body: Array("old 0\n\n\(SignedNote(text: note.text, signatures: note.signatures).serialized)".utf8))
        }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: requests.count) { index in
            do { _ = try witness.add(requests[index], timestamp: 1); outcomes.record("200") } catch let refusal as AddCheckpointRefusal {
                outcomes.record("\(refusal.status)")
            } catch { outcomes.record("error") }
        }
        #expect(outcomes.counts == ["200": 1, "409": 49])
    }

    /// The log side: a round handles a 409 by resending from the size the witness names,
    /// verifies the cosignatures and attaches them; `civic serve` does it after a write and
    /// publishes the witnessed checkpoint, and its receipts carry the cosignatures.
    @Test func serverAsksItsWitnessesAfterTheWrite() async throws {
        let fixture = try WitnessFixture(witnessCount: 2)
        defer { fixture.remove() }
        let keys = fixture.witnesses.map(\.signer.verifier)
        try await fixture.live { urls in
            let clients = zip(urls, keys).map { WitnessClient(prefix: $0, key: $1) }
            // A log that believes the witnesses are at 5 is told their real size (0) and resends.
            let note = try fixture.newest()
            let answers = await WitnessRound.ask(clients, note: note, knownSizes: [5, 1]) { old, new in
                try LedgerReader(directory: fixture.directory).consistencyProof(from: old, to: new)
            }
            #expect(answers.allSatisfy { $0.problem == nil && $0.cosignatures.count == 1 }, "\(answers.compactMap(\.problem))")

            var configuration = ServerConfiguration(host: "127.0.0.1", port: 0,
                                                    ledgers: [.init(name: "a", directory: fixture.directory, keyPath: fixture.root + "/ledger.key")],
                                                    ruleSet: try RuleSet.shipped(RuleSet.defaultName))
            configuration.poolWindow = .zero
            configuration.witnesses = zip(urls, keys).map { ServerConfiguration.Witness(url: $0, key: $1) }
            configuration.quorum = 2
            let token = try TokenStore(directory: fixture.directory).add(writer: "form")
            let server = try CivicServer(configuration: configuration, logger: fixture.logger)
            defer { server.stop() }
            try await Application(router: server.router()).test(.router) { client in
                let write = try await client.post("a", token: token, lines: [ServerFixture.donation("gift-1", value: 500, number: 1)])
                #expect(write.status == 200)
                let size = try write.checkpointSize()
                var witnessed: Reply?
                for _ in 0..<400 {  // cosigning follows the acknowledgement; wait for it, bounded
                    let reply = try await client.get("/ledgers/a/witnessed-checkpoint")
                    if reply.status == 200, try Checkpoint(text: SignedNote.parse(reply.text).text).size == size { witnessed = reply; break }
                    try await Task.sleep(for: .milliseconds(25))
                }
                let note = try SignedNote.parse(try #require(witnessed).text)
                #expect(try WitnessPolicy.check(note: note, witnesses: keys, quorum: 2).count == 2)
                let receipt = try DonorReceipt.parse(Array(try await client.get("/ledgers/a/receipts/gift-1").bytes))
                #expect(try WitnessPolicy.check(note: receipt.proof.checkpoint, witnesses: keys, quorum: 2).count == 2)
            }
        }
    }
}

/// Counts outcomes recorded from several threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]
    func record(_ value: String) { lock.withLock { values[value, default: 0] += 1 } }
    var counts: [String: Int] { lock.withLock { values } }
}
