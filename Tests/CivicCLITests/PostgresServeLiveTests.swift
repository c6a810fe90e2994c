import Foundation
import Testing

/// Two `civic serve` processes on one PostgreSQL ledger ("many nodes, one log"): clients
/// write to both at once; every acknowledged entry is in the one log exactly once, at the
/// seq it was acknowledged with, both nodes read all of it, and `civic verify` passes.
/// Needs the throwaway cluster `Scripts/test` starts (CIVIC_TEST_POSTGRES_URL).
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresServeLiveTests {
    /// Entries a client writes: `requests` requests of 1 to 3 anonymous donations.
    static let clientsPerNode = 4
    static let requestsPerClient = 8

    static func donation(_ id: String, value: Int = 100) -> String {
        #"{"kind":"donation","id":"\#(id)","date":"2025-03-01","fund":"GEN","amount":{"value":\#(value),"currency":"CNY"},"donor":{"anonymous":true},"form":"online","receipt":{"declined":true},"category":"assistance"}"#
            + "\n"
    }

    /// A PostgreSQL copy of a fresh workspace's ledger, its URL, and a write token for it.
    static func ledger(_ workspace: CLIWorkspace) throws -> (url: String, bearer: String) {
        let base = try PostgresTestDatabase.baseURL()
        let url = "\(base)?ledger=serve-\(UUID().uuidString.prefix(8).lowercased())"
        let copied = try CLI.run(["copy", workspace.ledger, url])
        try #require(copied.status == 0, "copy failed: \(copied.stderr)")
        let token = try CLI.run(["token", "add", url, "--name", "form"])
        try #require(token.status == 0, "token add failed: \(token.stderr)")
        return (url, token.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// What the clients were told, collected across their threads.
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var acked: [String: Int] = [:]
        var unexpected: [String] = []
    }

    static func post(_ port: Int, _ bearer: String, _ lines: [String]) throws -> HTTPLoopback.Reply {
        try HTTPLoopback.request(port: port, method: "POST", path: "/ledgers/main/entries",
                                 headers: ["Authorization": "Bearer \(bearer)"], body: Array(lines.joined().utf8))
    }

    /// The seqs a 200 reply acknowledged, by id.
    static func acknowledged(_ reply: HTTPLoopback.Reply) throws -> [(String, Int)] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        return try entries.map { (try #require($0["id"] as? String), try #require($0["seq"] as? Int)) }
    }

    @Test func twoNodesWriteOneLog() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let (url, bearer) = try Self.ledger(workspace)
        // Started one at a time under the defer, so a second node that fails to start does
        // not leave the first one running.
        var nodes: [LiveServer] = []
        var stopped = false
        defer { if !stopped { for node in nodes { _ = node.stop() } } }
        for _ in 0..<2 { nodes.append(try ServeLiveTests.server(workspace, ledger: url)) }
        let fund = #"{"kind":"fund","id":"fund-gen","date":"2025-01-08","fund":{"code":"GEN","name":"General fund","restriction":"unrestricted"}}"# + "\n"
        let opened = try Self.post(nodes[0].port, bearer, [fund])
        try #require(opened.status == 200, "\(opened.text)")

        let results = Results()
        let group = DispatchGroup()
        let ports = nodes.map(\.port)
        for node in 0..<nodes.count {
            for client in 0..<Self.clientsPerNode {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    for request in 0..<Self.requestsPerClient {
                        let lines = (0...(request % 3)).map { Self.donation("n\(node)-c\(client)-r\(request)-\($0)") }
                        do {
                            let reply = try Self.post(ports[node], bearer, lines)
                            guard reply.status == 200 else { throw POSIXError(.EPROTO) }
                            let seqs = try Self.acknowledged(reply)
                            results.lock.withLock { for (id, seq) in seqs { results.acked[id] = seq } }
                        } catch {
                            results.lock.withLock { results.unexpected.append("node \(node) client \(client) request \(request): \(error)") }
                        }
                    }
                }
            }
        }
        group.wait()
        let (acked, unexpected) = results.lock.withLock { (results.acked, results.unexpected) }
        #expect(unexpected.isEmpty, "\(unexpected)")
        let written = nodes.count * Self.clientsPerNode * (0..<Self.requestsPerClient).reduce(0) { $0 + $1 % 3 + 1 }
        #expect(acked.count == written)
        #expect(Set(acked.values).count == acked.count, "two acknowledged entries share a seq")

        // One chain: both nodes serve the same newest checkpoint, covering exactly the
        // genesis, the fund and every acknowledged entry; each is found on both at its seq.
        let size = 2 + acked.count
        for node in nodes {
            let checkpoint = try HTTPLoopback.request(port: node.port, method: "GET", path: "/ledgers/main/checkpoint")
            #expect(checkpoint.status == 200)
            #expect(checkpoint.text.split(separator: "\n").dropFirst().first.map(String.init) == String(size))
            for (id, seq) in acked {
                let entry = try HTTPLoopback.request(port: node.port, method: "GET", path: "/ledgers/main/entries/\(id)")
                #expect(entry.status == 200 && entry.text.contains(#""seq":\#(seq),"#), "\(id) on port \(node.port): \(entry.status)")
            }
        }
        let (someID, someSeq) = try #require(acked.first)
        for path in ["/ledgers/main/proofs/\(someSeq)", "/ledgers/main/receipts/\(someID)",
                     "/ledgers/main/tile/entries/000.p/\(size)", "/ledgers/main/tile/0/000.p/\(size)"] {
            #expect(try HTTPLoopback.request(port: nodes[1].port, method: "GET", path: path).status == 200, "\(path)")
        }
        #expect(try HTTPLoopback.request(port: nodes[1].port, method: "GET", path: "/ledgers/main/key-chain").status == 404)

        // Idempotent across nodes: a request acknowledged by one node, retried on the
        // other, gets the same seq; the same id with another payload is 409 there.
        let retried = try Self.post(nodes[1].port, bearer, [Self.donation("n0-c0-r0-0")])
        #expect(retried.status == 200)
        #expect(try Self.acknowledged(retried).first?.1 == acked["n0-c0-r0-0"])
        #expect(try Self.post(nodes[1].port, bearer, [Self.donation("n0-c0-r0-0", value: 5)]).status == 409)

        stopped = true
        for node in nodes { #expect(node.stop() == 0) }
        let verify = try CLI.run(["verify", url, "--vkey", workspace.vkey])
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test func badTokensAndBadRequestsAreCleanErrorsAndLoseNothing() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let (url, bearer) = try Self.ledger(workspace)
        let node = try ServeLiveTests.server(workspace, ledger: url)
        var stopped = false
        defer { if !stopped { _ = node.stop() } }
        let fund = #"{"kind":"fund","id":"fund-gen","date":"2025-01-08","fund":{"code":"GEN","name":"General fund","restriction":"unrestricted"}}"# + "\n"
        try #require(try Self.post(node.port, bearer, [fund, Self.donation("kept")]).status == 200)

        let wrong = try Self.post(node.port, "civic_" + String(repeating: "0", count: 64), [Self.donation("stranger")])
        #expect(wrong.status == 401, "\(wrong.text)")
        #expect(try Self.post(node.port, bearer, ["{\"kind\":\n"]).status == 400)
        // A refused line refuses its whole request, and only it.
        let refused = try Self.post(node.port, bearer, [Self.donation("half"), Self.donation("kept", value: 7)])
        #expect(refused.status == 409, "\(refused.text)")
        #expect(try HTTPLoopback.request(port: node.port, method: "GET", path: "/ledgers/main/entries/half").status == 404)
        #expect(try HTTPLoopback.request(port: node.port, method: "GET", path: "/ledgers/main/proofs/99").status == 404)
        #expect(try HTTPLoopback.request(port: node.port, method: "GET", path: "/ledgers/main/proofs/x").status == 400)

        // Revoked on the database, the token stops working on the running node within a second.
        let revoked = try CLI.run(["token", "revoke", url, "--name", "form"])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        var status = 0
        for _ in 0..<40 {
            status = try Self.post(node.port, bearer, [Self.donation("late")]).status
            if status == 401 { break }
            usleep(100_000)
        }
        #expect(status == 401)
        let kept = try HTTPLoopback.request(port: node.port, method: "GET", path: "/ledgers/main/entries/kept")
        #expect(kept.status == 200)
        stopped = true
        #expect(node.stop() == 0)
        #expect(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 0)
    }
}
