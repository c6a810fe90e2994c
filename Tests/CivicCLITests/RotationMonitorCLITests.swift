import Foundation
import Testing

/// `civic key rotate` and `civic monitor` through the binary: exit codes and messages.
@Suite struct RotationMonitorCLITests {
    private func addFund(_ workspace: CLIWorkspace, key: String, code: String) throws -> CLI.Result {
        try CLI.run(["add", "fund", workspace.ledger, "--key", key, "--code", code, "--name", "Fund \(code)",
                     "--restriction", "unrestricted"])
    }

    @Test func rotateThenOldKeyIsRefusedAndVerifyFollowsFromTheFirstKey() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let newKey = workspace.file("new.key")
        #expect(try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", newKey]).status == 0)
        let rotated = try CLI.run(["key", "rotate", workspace.ledger, "--key", workspace.key, "--new-key", newKey])
        #expect(rotated.status == 0 && rotated.stdout.hasPrefix("rotated the signing key at seq 1: "), "\(rotated.stderr)")
        let refused = try addFund(workspace, key: workspace.key, code: "F-OLD")
        #expect(refused.status == 2 && refused.stderr.contains("was retired by the key rotation at seq 1; sign with the ledger's current key"), "\(refused.stderr)")
        #expect(try addFund(workspace, key: newKey, code: "F-NEW").status == 0)
        let verified = try workspace.verify()
        #expect(verified.status == 0 && verified.stdout.hasPrefix("ok: ledger.example.org/foundation: 3 entries"), "\(verified.stderr)")
        // A key named after another origin, and rotating to the key in force, are refused.
        let foreign = workspace.file("foreign.key")
        _ = try CLI.run(["key", "generate", "--name", "other.example/x", "--out", foreign])
        #expect(try CLI.run(["key", "rotate", workspace.ledger, "--key", newKey, "--new-key", foreign]).status == 2)
        #expect(try CLI.run(["key", "rotate", workspace.ledger, "--key", newKey, "--new-key", newKey]).status == 2)
        #expect(try CLI.run(["key", "rotate", workspace.ledger, "--key", newKey, "--new-key", workspace.key]).status == 2)
        #expect(try workspace.verify().status == 0)
    }

    @Test func monitorAdvanceRollbackAndFrozenLog() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let state = workspace.file("monitor")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let clock = ["CIVIC_FIXED_TIME": "2026-01-01T00:00:00Z"]
        let monitor = ["monitor", workspace.ledger, "--vkey", workspace.vkey, "--state", state, "--max-age", "3600"]
        let first = try CLI.run(monitor, environment: clock)
        #expect(first.status == 0 && first.stdout.contains("ok: consistency: first run, 1 entries"), "\(first.stdout)\(first.stderr)")
        let earlier = workspace.file("earlier")
        try FileManager.default.copyItem(atPath: workspace.ledger, toPath: earlier)
        #expect(try addFund(workspace, key: workspace.key, code: "F-1").status == 0)
        let advanced = try CLI.run(monitor, environment: ["CIVIC_FIXED_TIME": "2026-01-01T00:30:00Z"])
        #expect(advanced.status == 0 && advanced.stdout.contains("ok: consistency: size 2 extends size 1 seen before"), "\(advanced.stdout)")
        let rollback = try CLI.run(["monitor", earlier, "--vkey", workspace.vkey, "--state", state], environment: clock)
        #expect(rollback.status == 1 && rollback.stderr.contains("rollback: ") && rollback.stderr.contains("size 1, but size 2 was seen before"), "\(rollback.stderr)")
        let fresh = try CLI.run(monitor, environment: ["CIVIC_FIXED_TIME": "2026-01-01T01:30:00Z"])
        #expect(fresh.status == 0 && fresh.stdout.contains("ok: freshness: this checkpoint was first seen 3600 seconds ago"), "\(fresh.stdout)")
        let frozen = try CLI.run(monitor, environment: ["CIVIC_FIXED_TIME": "2026-01-01T01:30:01Z"])
        #expect(frozen.status == 1 && frozen.stderr.contains("stale: no new checkpoint from \(workspace.ledger) for 3601 seconds, more than --max-age 3600"), "\(frozen.stderr)")
        // No state directory, and a source that is no log, are input errors.
        #expect(try CLI.run(["monitor", workspace.ledger, "--vkey", workspace.vkey, "--state", workspace.file("none")]).status == 2)
        #expect(try CLI.run(["monitor", state, "--vkey", workspace.vkey, "--state", state]).status == 2)
    }
}
