import Foundation
import Testing

/// A live `civic witness serve --log-keys` beside a live `civic serve --witness --quorum 1`,
/// across a key rotation (the served ledger is stopped, rotated with `civic key rotate`,
/// and served again under the new key): the witness follows the rotation by fetching
/// `GET /ledgers/main/key-chain?size=N`, the witnessed checkpoint advances past it, and a
/// checkpoint the retired key signs afterwards (a fork cut back to before the rotation) is
/// refused. Then `witness cosign --keys` and `verify-consistency --keys` with that same chain.
@Suite(.serialized) struct WitnessRotationLiveTests {
    static let origin = CLIWorkspace.origin

    static func checkpointPath(_ ledger: String, _ size: Int) -> String {
        let digits = String(size)
        return ledger + "/checkpoints/" + String(repeating: "0", count: 20 - digits.count) + digits
    }

    /// The size on line 2 of a checkpoint text.
    static func size(_ text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().first.flatMap { Int($0) }
    }

    /// Polls `path` on the log until its checkpoint has `size` entries; bounded (about 30 s),
    /// so a witness that never cosigns fails the test instead of hanging it.
    static func waitForSize(_ port: Int, path: String, size: Int) -> Bool {
        for _ in 0..<1_200 {
            if let reply = try? HTTPLoopback.request(port: port, method: "GET", path: path), reply.status == 200,
               Self.size(reply.text) == size { return true }
            usleep(25_000)
        }
        return false
    }

    static func logServer(_ workspace: CLIWorkspace, port: Int, key: String, witness: String, name: String) throws -> LiveServer {
        try LiveServer(["serve", "--listen", "127.0.0.1:\(port)", "--ledger", "main=\(workspace.ledger)", "--key", "main=\(key)",
                        "--witness", witness, "--quorum", "1"], port: port, logPath: workspace.file(name + ".log"))
    }

    static func post(_ port: Int, bearer: String, file: String) throws -> HTTPLoopback.Reply {
        try HTTPLoopback.request(port: port, method: "POST", path: "/ledgers/main/entries", headers: ["Authorization": "Bearer \(bearer)"],
                                 body: Array(try Data(contentsOf: URL(fileURLWithPath: file))))
    }

    /// Every file of the witness's state with its bytes (LOCK aside), to show a refusal changed nothing.
    static func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name != "LOCK" {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }

    @Test func witnessFollowsARotationOfALiveLogAndRefusesTheRetiredKey() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let token = try CLI.run(["token", "add", workspace.ledger, "--name", "form"])
        try #require(token.status == 0)
        let bearer = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let wkey = workspace.file("w.key")
        let wvkey = try CLI.run(["witness", "key", "generate", "--name", "witness.example/live", "--out", wkey])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let state = workspace.file("wstate")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let (logPort, witnessPort) = (try HTTPLoopback.freePort(), try HTTPLoopback.freePort())
        let witness = try LiveServer(["witness", "serve", "--listen", "127.0.0.1:\(witnessPort)", "--key", wkey, "--state", state,
                                      "--log", "\(Self.origin)=\(workspace.vkey)",
                                      "--log-keys", "\(Self.origin)=http://127.0.0.1:\(logPort)/ledgers/main"],
                                     port: witnessPort, readyPath: "/add-checkpoint", logPath: workspace.file("witness.log"))
        defer { _ = witness.stop() }
        let witnessArgument = "http://127.0.0.1:\(witnessPort)=\(wvkey)"

        // Before the rotation: genesis and 5 entries, witnessed at size 6.
        var log = try Self.logServer(workspace, port: logPort, key: workspace.key, witness: witnessArgument, name: "before")
        #expect(try Self.post(logPort, bearer: bearer, file: try workspace.generated(5, prefix: "live", name: "a.jsonl")).status == 200)
        #expect(Self.waitForSize(logPort, path: "/ledgers/main/witnessed-checkpoint", size: 6), "\(witness.log())")
        #expect(log.stop() == 0)

        // The served ledger is stopped, rotated (the key entry is seq 6), and served again under the new key.
        let earlier = workspace.file("earlier")
        try FileManager.default.copyItem(atPath: workspace.ledger, toPath: earlier)
        let newKey = workspace.file("new.key")
        #expect(try CLI.run(["key", "generate", "--name", Self.origin, "--out", newKey]).status == 0)
        let rotated = try CLI.run(["key", "rotate", workspace.ledger, "--key", workspace.key, "--new-key", newKey])
        #expect(rotated.status == 0 && rotated.stdout.hasPrefix("rotated the signing key at seq 6: "), "\(rotated.stderr)")
        log = try Self.logServer(workspace, port: logPort, key: newKey, witness: witnessArgument, name: "after")
        defer { _ = log.stop() }
        #expect(try Self.post(logPort, bearer: bearer, file: try workspace.generated(5, prefix: "live", name: "b.jsonl", skip: 5)).status == 200)
        // The witness cosigned past the rotation: the witnessed checkpoint is the newest, size 12.
        #expect(Self.waitForSize(logPort, path: "/ledgers/main/witnessed-checkpoint", size: 12), "\(witness.log())")
        let keyChain = try HTTPLoopback.request(port: logPort, method: "GET", path: "/ledgers/main/key-chain?size=12")
        #expect(keyChain.status == 200 && keyChain.text.hasPrefix("civicledger.keys/v1\nkey "))

        // The retired key signs a fork cut back to before the rotation and grown to the same
        // size: the witness, holding the new key for size 12, refuses it (403) and keeps its state.
        let forkEntries = try workspace.generated(6, prefix: "fork", name: "fork.jsonl", skip: 5)
        let forked = try CLI.run(["import", earlier, forkEntries, "--key", workspace.key])
        try #require(forked.status == 0, "\(forked.stderr)")
        let fork = try String(contentsOfFile: Self.checkpointPath(earlier, 12), encoding: .utf8)
        let saved = try Self.snapshot(state)
        let refused = try HTTPLoopback.request(port: witnessPort, method: "POST", path: "/add-checkpoint", body: Array("old 12\n\n\(fork)".utf8))
        #expect(refused.status == 403 && refused.text.contains("key chain"), "\(refused.status) \(refused.text)")
        #expect(try Self.snapshot(state) == saved)
        // The honest checkpoint at the same size is still what the witness answers for: 409 names 12.
        let conflict = try HTTPLoopback.request(port: witnessPort, method: "POST", path: "/add-checkpoint",
                                                body: Array("old 6\n\n\(try String(contentsOfFile: Self.checkpointPath(workspace.ledger, 12), encoding: .utf8))".utf8))
        #expect(conflict.status == 409 && conflict.text == "12\n", "\(conflict.status) \(conflict.text)")

        try Self.offlineChecks(workspace, keys: try workspace.write(keyChain.text, to: "keys.txt"), earlier: earlier)
        #expect(log.stop() == 0)
        #expect(witness.stop() == 0)
        let verified = try workspace.verify(extra: ["--witness", wvkey])
        #expect(verified.status == 0 && verified.stdout.contains("witnessed up to size 12 by witness.example/live"), "\(verified.stdout)\(verified.stderr)")
    }

    /// `civic witness ask` for a directory ledger: a live witness and one that is down; the
    /// quorum decides the exit status, and what was cosigned is attached.
    @Test func witnessAskAttachesWhatALiveWitnessCosigns() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(3, prefix: "ask", name: "a.jsonl")).status == 0)
        let wkey = workspace.file("w.key")
        let wvkey = try CLI.run(["witness", "key", "generate", "--name", "witness.example/ask", "--out", wkey])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let down = try CLI.run(["witness", "key", "generate", "--name", "witness.example/down", "--out", workspace.file("d.key")])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let state = workspace.file("wstate")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let port = try HTTPLoopback.freePort()
        let witness = try LiveServer(["witness", "serve", "--listen", "127.0.0.1:\(port)", "--key", wkey, "--state", state,
                                      "--log", "\(Self.origin)=\(workspace.vkey)"], port: port, readyPath: "/add-checkpoint")
        defer { _ = witness.stop() }
        let both = ["witness", "ask", workspace.ledger, "--witness", "http://127.0.0.1:\(port)=\(wvkey)",
                    "--witness", "http://127.0.0.1:\(try HTTPLoopback.freePort())=\(down)", "--timeout", "2"]
        let short = try CLI.run(both)
        #expect(short.status == 1 && short.stdout.contains("witness.example/ask: cosigned size 4")
                && short.stdout.contains("witness.example/down: did not cosign"), "\(short.stdout)\(short.stderr)")
        let enough = try CLI.run(both + ["--quorum", "1"])
        #expect(enough.status == 0 && enough.stdout.contains("ok: the checkpoint at size 4 carries 1 of 2 cosignatures (quorum 1)"), "\(enough.stdout)\(enough.stderr)")
        #expect(try workspace.verify(extra: ["--witness", wvkey]).stdout.contains("witnessed up to size 4 by witness.example/ask"))
    }

    /// `verify-consistency` and `witness cosign` given the pinned first key and the key
    /// chain `keys` of the tree of size 12 (fetched from the live log above); `earlier` holds
    /// the fork the retired key signed.
    static func offlineChecks(_ workspace: CLIWorkspace, keys: String, earlier: String) throws {
        let across = workspace.file("across.proof")
        #expect(try CLI.run(["consistency", workspace.ledger, "--from", "6", "--to", "12", "--out", across]).status == 0)
        let pinnedOnly = try CLI.run(["verify-consistency", across, "--vkey", workspace.vkey])
        #expect(pinnedOnly.status == 1 && pinnedOnly.stderr.contains("newer checkpoint: "), "\(pinnedOnly.stderr)")
        let followed = try CLI.run(["verify-consistency", across, "--vkey", workspace.vkey, "--keys", keys])
        #expect(followed.status == 0 && followed.stdout.contains("at tree size 12 extends tree size 6"), "\(followed.stderr)")
        #expect(try CLI.run(["verify-consistency", across, "--vkey", workspace.vkey, "--ledger", workspace.ledger]).status == 0)
        #expect(try CLI.run(["verify-consistency", across, "--vkey", workspace.vkey, "--keys", across]).status == 2)
        // The fork's own proof: the chain of the real tree does not verify in the fork's tree.
        let forked = workspace.file("fork.proof")
        #expect(try CLI.run(["consistency", earlier, "--from", "6", "--to", "12", "--out", forked]).status == 0)
        let forkRefused = try CLI.run(["verify-consistency", forked, "--vkey", workspace.vkey, "--keys", keys])
        #expect(forkRefused.status == 1 && forkRefused.stderr.contains("key chain"), "\(forkRefused.stderr)")

        // A file-based witness: size 6 under the first key, then size 12 only with the chain.
        let state = workspace.file("cli-witness")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        #expect(try CLI.run(["witness", "key", "generate", "--name", "witness.example/cli", "--out", workspace.file("cli.key")]).status == 0)
        func cosign(_ checkpoint: String, _ extra: [String]) throws -> CLI.Result {
            try CLI.run(["witness", "cosign", checkpoint, "--key", workspace.file("cli.key"), "--state", state, "--log-vkey", workspace.vkey] + extra)
        }
        #expect(try cosign(Self.checkpointPath(workspace.ledger, 6), []).status == 0)
        let newest = Self.checkpointPath(workspace.ledger, 12)
        let hashes = try String(contentsOfFile: across, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst().prefix { !$0.isEmpty }.map { $0 + "\n" }.joined()
        let proof = try workspace.write(hashes, to: "across.hashes")
        let unfollowed = try cosign(newest, ["--proof", proof])
        #expect(unfollowed.status == 1 && unfollowed.stderr.contains("the witness needs the log's key chain"), "\(unfollowed.stderr)")
        let cosigned = try cosign(newest, ["--proof", proof, "--keys", keys])
        #expect(cosigned.status == 0 && cosigned.stdout.contains("\u{2014} witness.example/cli "), "\(cosigned.stderr)")
        // Past the rotation the fork is refused whatever chain comes with it: the real one
        // (not in the fork's tree), or none (the fork's own ledger holds no key entry).
        let fork = Self.checkpointPath(earlier, 12)
        let withChain = try cosign(fork, ["--keys", keys])
        #expect(withChain.status == 1 && withChain.stderr.contains("key chain"), "\(withChain.stderr)")
        let fromFork = try cosign(fork, ["--ledger", earlier])
        #expect(fromFork.status == 1 && fromFork.stderr.contains("signed by the retired key"), "\(fromFork.stderr)")
        // The state kept the new key: the honest size 12 again needs no chain.
        #expect(try cosign(newest, []).status == 0)
    }
}
