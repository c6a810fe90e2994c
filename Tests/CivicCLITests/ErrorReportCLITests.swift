import Foundation
import Testing

/// Failures that used to be hidden or told in Foundation's words: each now ends with one
/// plain line naming the path and the documented exit code.
@Suite struct ErrorReportCLITests {
    static func checkpoint(_ workspace: CLIWorkspace, _ size: Int) -> String {
        workspace.ledger + "/checkpoints/" + String(format: "%020d", size)
    }

    @Test func verifyNamesADeletedMiddleCheckpoint() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(5, prefix: "a", name: "a.jsonl")).status == 0)
        #expect(try workspace.importFile(try workspace.generated(3, prefix: "a", name: "b.jsonl", skip: 5)).status == 0)
        #expect(try workspace.verify().status == 0)
        try FileManager.default.removeItem(atPath: Self.checkpoint(workspace, 6))
        let result = try workspace.verify()
        #expect(result.status == 1)
        #expect(result.stderr.contains("checkpoints/00000000000000000006 is missing"), "\(result.stderr)")
    }

    @Test func cosignOutIntoAMissingFolderSaysWhatHappenedInPlainWords() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try CLI.run(["witness", "key", "generate", "--name", "witness.example/w1", "--out", workspace.file("w1.key")]).status == 0)
        let state = workspace.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let out = workspace.file("missing/cosigned.txt")
        let result = try CLI.run(["witness", "cosign", Self.checkpoint(workspace, 1), "--key", workspace.file("w1.key"),
                                  "--state", state, "--log-vkey", workspace.vkey, "--out", out])
        #expect(result.status == 2)
        // The --out path is checked before cosigning, so the witness's state does not advance.
        #expect(result.stderr.contains("\(out): the directory") && result.stderr.contains("does not exist"), "\(result.stderr)")
        #expect(!result.stderr.contains("did cosign"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: state).isEmpty, "the witness state advanced")
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("couldn"), "\(result.stderr)")
    }

    @Test func initOnAPathThatIsAFileLeavesNoKeyBehind() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("not-a-folder").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let key = root.appendingPathComponent("new.key").path
        let result = try CLI.run(["init", file, "--origin", "ledger.example.org/x", "--org-name", "Example",
                                  "--uscc", "53100000500021676K", "--org-type", "foundation", "--key", key])
        #expect(result.status == 2)
        #expect(result.stderr.contains("exists and is not a directory"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: key))
    }

    /// An unreadable newest checkpoint is that, not "the key did not sign".
    @Test func anUnreadableNewestCheckpointIsNotCalledAWrongKey() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let path = Self.checkpoint(workspace, 1)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let entries = try workspace.generated(2, prefix: "a", name: "a.jsonl")
        for extra in [[], ["--dry-run"]] {
            let result = try CLI.run(["import", workspace.ledger, entries, "--key", workspace.key] + extra)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("\(path): is a directory"), "\(result.stderr)")
            #expect(!result.stderr.contains("did not sign"), "\(result.stderr)")
        }
    }
}
