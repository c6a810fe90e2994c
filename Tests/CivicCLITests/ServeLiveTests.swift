import Foundation
import Testing

/// `civic serve` as built, over loopback: started on a free port, written to, read from,
/// stopped with SIGTERM.
@Suite(.serialized) struct ServeLiveTests {
    /// A running `civic serve` over the workspace's ledger as `main`.
    /// Serves `ledger` (default: the workspace's directory) as `main`.
    static func server(_ workspace: CLIWorkspace, ledger: String? = nil) throws -> LiveServer {
        let port = try HTTPLoopback.freePort()
        return try LiveServer(["serve", "--listen", "127.0.0.1:\(port)", "--ledger", "main=\(ledger ?? workspace.ledger)",
                               "--key", "main=\(workspace.key)"], port: port)
    }

    @Test func writesReadsAndStopsCleanlyOnSigterm() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let token = try CLI.run(["token", "add", workspace.ledger, "--name", "form"])
        try #require(token.status == 0)
        let bearer = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let entries = try Data(contentsOf: URL(fileURLWithPath: try workspace.generated(40, prefix: "live", name: "live.jsonl")))
        let server = try Self.server(workspace)

        let write = try HTTPLoopback.request(port: server.port, method: "POST", path: "/ledgers/main/entries",
                                             headers: ["Authorization": "Bearer \(bearer)"], body: Array(entries))
        #expect(write.status == 200, "\(write.text)")
        let unauthorized = try HTTPLoopback.request(port: server.port, method: "POST", path: "/ledgers/main/entries", body: Array(entries))
        #expect(unauthorized.status == 401)
        let checkpoint = try HTTPLoopback.request(port: server.port, method: "GET", path: "/ledgers/main/checkpoint")
        #expect(checkpoint.status == 200)
        #expect(checkpoint.text.split(separator: "\n").dropFirst().first == "41")
        // A second server cannot take the writer lock the first one holds.
        let second = try CLI.run(["serve", "--listen", "127.0.0.1:\(try HTTPLoopback.freePort())",
                                  "--ledger", "main=\(workspace.ledger)", "--key", "main=\(workspace.key)"])
        #expect(second.status == 2)
        #expect(second.stderr.contains("being written"))

        #expect(server.stop() == 0)
        let verify = try workspace.verify(vkey: workspace.vkey)
        #expect(verify.status == 0, "\(verify.stderr)")
        // The lock was released: the CLI can write again.
        let again = try workspace.importFile(try workspace.generated(2, prefix: "live", name: "after.jsonl", skip: 40))
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func badServeArgumentsExit2() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        for arguments in [["serve", "--ledger", "main=\(workspace.ledger)"],
                          ["serve", "--ledger", "main=\(workspace.ledger)", "--key", "other=\(workspace.key)"],
                          ["serve", "--listen", "nowhere", "--ledger", "main=\(workspace.ledger)", "--key", "main=\(workspace.key)"],
                          ["serve"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty)
        }
    }
}
