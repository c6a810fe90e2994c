import Foundation
import Testing

/// `civic key rotate URL` does on a PostgreSQL ledger what it does on a directory, byte for
/// byte (the same entry, the same checkpoint, the same messages), and `civic serve` serves
/// the rotated ledger with its new key: the same `/key-chain` bytes as the directory's.
/// Needs the throwaway cluster `Scripts/test` starts (CIVIC_TEST_POSTGRES_URL).
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresKeyRotateCLITests {
    static let clock = ["CIVIC_FIXED_TIME": "2026-01-01T00:00:00Z"]

    /// A workspace with 20 generated entries, its copy in the database, and a new key.
    static func pair() throws -> (workspace: CLIWorkspace, url: String, newKey: String) {
        let base = try PostgresTestDatabase.baseURL()
        let workspace = try CLIWorkspace()
        try #require(try workspace.importFile(try workspace.generated(20, prefix: "k", name: "a.jsonl")).status == 0)
        let url = "\(base)?ledger=rotate-\(UUID().uuidString.prefix(8).lowercased())"
        try #require(try CLI.run(["copy", workspace.ledger, url]).status == 0)
        let newKey = workspace.file("new.key")
        try #require(try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", newKey]).status == 0)
        return (workspace, url, newKey)
    }

    @Test func rotatingInTheDatabaseMatchesTheDirectory() throws {
        let (workspace, url, newKey) = try Self.pair()
        defer { workspace.remove() }
        let rotate = ["--key", workspace.key, "--new-key", newKey, "--date", "2025-03-02", "--memo", "annual rotation", "--id", "rot-2025"]
        let inDirectory = try CLI.run(["key", "rotate", workspace.ledger] + rotate, environment: Self.clock)
        let inDatabase = try CLI.run(["key", "rotate", url] + rotate, environment: Self.clock)
        #expect(inDirectory.status == 0 && inDatabase.status == 0, "\(inDirectory.stderr) \(inDatabase.stderr)")
        #expect(inDatabase.stdout.hasPrefix("rotated the signing key at seq 21: "), "\(inDatabase.stdout)")
        #expect(inDatabase.stdout == inDirectory.stdout)

        // The retired key is refused with the directory's message; the new key writes the same entry.
        let old = try CLI.run(["import", url, try workspace.generated(2, prefix: "k", name: "b.jsonl", skip: 20), "--key", workspace.key])
        let oldInDirectory = try CLI.run(["import", workspace.ledger, workspace.file("b.jsonl"), "--key", workspace.key])
        #expect(old.status == 2 && old.stderr.contains("was retired by the key rotation at seq 21; sign with the ledger's current key"), "\(old.stderr)")
        #expect(old.stderr == oldInDirectory.stderr)
        let more = try CLI.run(["import", url, workspace.file("b.jsonl"), "--key", newKey], environment: Self.clock)
        let moreInDirectory = try CLI.run(["import", workspace.ledger, workspace.file("b.jsonl"), "--key", newKey], environment: Self.clock)
        #expect(more.status == 0 && more.stdout == moreInDirectory.stdout, "\(more.stderr)")

        // Verified from the pinned first key, through the key entry, on both engines.
        let verified = try CLI.run(["verify", url, "--vkey", workspace.vkey])
        let verifiedDirectory = try workspace.verify()
        #expect(verified.status == 0 && verified.stdout == verifiedDirectory.stdout, "\(verified.stderr)")
        for words in [["show", "rot-2025"], ["prove", "21"]] {
            let a = try CLI.run([words[0], workspace.ledger] + words.dropFirst() + ["--vkey", workspace.vkey])
            let b = try CLI.run([words[0], url] + words.dropFirst() + ["--vkey", workspace.vkey])
            #expect(a.status == 0 && a.stdout == b.stdout, "\(words): \(a.stderr) \(b.stderr)")
        }
        // A receipt carries the key entry; both engines write the same file, and it verifies.
        for (ledger, name) in [(workspace.ledger, "d.receipt"), (url, "p.receipt")] {
            #expect(try CLI.run(["receipt", ledger, "k00000006", "--out", workspace.file(name)]).status == 0)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.file("d.receipt"))) == Data(contentsOf: URL(fileURLWithPath: workspace.file("p.receipt"))))
        #expect(try CLI.run(["verify-receipt", workspace.file("p.receipt"), "--vkey", workspace.vkey]).status == 0)

        // Refused as on a directory: a key of another origin, the key in force, a retired key.
        let foreign = workspace.file("foreign.key")
        _ = try CLI.run(["key", "generate", "--name", "other.example/x", "--out", foreign])
        for (current, next) in [(newKey, foreign), (newKey, newKey), (newKey, workspace.key), (workspace.key, foreign)] {
            let onDirectory = try CLI.run(["key", "rotate", workspace.ledger, "--key", current, "--new-key", next])
            let onDatabase = try CLI.run(["key", "rotate", url, "--key", current, "--new-key", next])
            #expect(onDatabase.status == 2 && onDatabase.stderr == onDirectory.stderr, "\(onDatabase.stderr) vs \(onDirectory.stderr)")
        }
        #expect(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 0)
    }

    @Test func aServedDatabaseLedgerFollowsItsRotation() throws {
        let (workspace, url, newKey) = try Self.pair()
        defer { workspace.remove() }
        let token = try CLI.run(["token", "add", url, "--name", "form"])
        try #require(token.status == 0)
        let bearer = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try HTTPLoopback.freePort()
        var node: LiveServer? = try LiveServer(["serve", "--listen", "127.0.0.1:\(port)", "--ledger", "main=\(url)",
                                               "--key", "main=\(workspace.key)"], port: port)
        defer { _ = node?.stop() }
        #expect(try HTTPLoopback.request(port: port, method: "GET", path: "/ledgers/main/key-chain").status == 404)
        // Rotated by another process while the node serves: the node's key is retired, so it
        // must not sign again; it refuses the write and the log stays one verifiable chain.
        let rotated = try CLI.run(["key", "rotate", url, "--key", workspace.key, "--new-key", newKey])
        try #require(rotated.status == 0, "\(rotated.stderr)")
        let donation = try Data(contentsOf: URL(fileURLWithPath: try workspace.generated(1, prefix: "k", name: "c.jsonl", skip: 20)))
        let write = try HTTPLoopback.request(port: port, method: "POST", path: "/ledgers/main/entries",
                                             headers: ["Authorization": "Bearer \(bearer)"], body: Array(donation))
        #expect(write.status == 500, "\(write.text)")
        #expect(node?.stop() == 0)
        node = nil
        #expect(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 0)

        // Served again with the new key: it writes, and serves the key chain that a
        // directory copy of the same ledger serves, byte for byte.
        node = try LiveServer(["serve", "--listen", "127.0.0.1:\(port)", "--ledger", "main=\(url)", "--key", "main=\(newKey)"], port: port)
        let accepted = try HTTPLoopback.request(port: port, method: "POST", path: "/ledgers/main/entries",
                                                headers: ["Authorization": "Bearer \(bearer)"], body: Array(donation))
        #expect(accepted.status == 200, "\(accepted.text)")
        let fromDatabase = try HTTPLoopback.request(port: port, method: "GET", path: "/ledgers/main/key-chain")
        #expect(fromDatabase.status == 200 && fromDatabase.text.hasPrefix("civicledger.keys/v1\nkey "), "\(fromDatabase.text)")
        #expect(try HTTPLoopback.request(port: port, method: "GET", path: "/ledgers/main/key-chain?size=21").status == 404)
        #expect(node?.stop() == 0)
        node = nil
        let copy = workspace.file("copy")
        try #require(try CLI.run(["copy", url, copy]).status == 0)
        let directoryPort = try HTTPLoopback.freePort()
        node = try LiveServer(["serve", "--listen", "127.0.0.1:\(directoryPort)", "--ledger", "main=\(copy)",
                               "--key", "main=\(newKey)"], port: directoryPort)
        let fromDirectory = try HTTPLoopback.request(port: directoryPort, method: "GET", path: "/ledgers/main/key-chain")
        #expect(fromDirectory.status == 200 && fromDirectory.body == fromDatabase.body)
        #expect(try CLI.run(["verify", url, "--vkey", workspace.vkey]).status == 0)
    }
}
