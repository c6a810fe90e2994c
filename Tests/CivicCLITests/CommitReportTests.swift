import Foundation
import Testing

/// The checkpoint's rename is the commit point, and the exit code says which side of it a
/// failure fell on. Tests may run as root (chmod stops nothing), so the failures are made
/// by putting a file where a directory is expected and a directory where a file is.
@Suite(.serialized) struct CommitReportTests {
    private func entry(_ id: String) -> String {
        #"{"kind":"fund","id":"\#(id)","date":"2025-01-02","fund":{"code":"\#(id)","name":"Fund","restriction":"unrestricted"}}"#
    }

    @Test func aCommittedBatchWhoseStateCannotBeSavedIsExit3AndReported() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        // A directory where the book's temporary file goes: the book cannot be saved, while
        // state/keys.json (written by init) stays readable for the writer's open.
        let state = workspace.ledger + "/state"
        let blocker = state + "/.book.json.tmp"
        try? FileManager.default.removeItem(atPath: state + "/book.json")
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        let imported = try workspace.importFile(try workspace.write(entry("F1") + "\n", to: "one.jsonl"))
        #expect(imported.status == 3, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported 1 entry, seq 1\n"), "\(imported.stdout)")
        #expect(imported.stdout.contains("\n2\n"), "the checkpoint at size 2 is printed")
        #expect(imported.stderr.contains("committed at checkpoint size 2, but derived files need repair: state/book.json"))
        #expect(imported.stderr.contains("the next write rebuilds it"))
        // Durable and acknowledged: it verifies, and once the blocker is gone the
        // next write rebuilds the book and goes on.
        #expect(try workspace.verify().status == 0)
        try FileManager.default.removeItem(atPath: blocker)
        let next = try workspace.importFile(try workspace.write(entry("F2") + "\n", to: "two.jsonl"))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.hasPrefix("imported 1 entry, seq 2\n"))
        #expect(FileManager.default.fileExists(atPath: state + "/book.json"))
    }

    @Test func aFailureBeforeTheCheckpointAcknowledgesNothingAndSaysSo() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        // A directory where the next checkpoint's temporary file must go.
        let target = workspace.ledger + "/checkpoints/." + String(repeating: "0", count: 19) + "2.tmp"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let imported = try workspace.importFile(try workspace.write(entry("F1") + "\n", to: "one.jsonl"))
        #expect(imported.status == 2, "\(imported.stderr)")
        #expect(imported.stdout.isEmpty)
        #expect(imported.stderr.contains("no checkpoint was signed for seq 1, so nothing was acknowledged"), "\(imported.stderr)")
        #expect(imported.stderr.contains("uncommitted tail that the next open cuts"))
        try FileManager.default.removeItem(atPath: target)
        let again = try workspace.importFile(try workspace.write(entry("F1") + "\n", to: "again.jsonl"))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("imported 1 entry, seq 1\n"))
        #expect(try workspace.verify().status == 0)
    }

    /// A bulk import writes the id index whole through `.ids.tmp`: a directory there makes
    /// that write fail after the checkpoint. The batch stands; the next open catches up.
    @Test func aCommittedBatchWhoseIdIndexCannotBeWrittenIsExit3() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let blocker = workspace.ledger + "/.ids.tmp"
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        let imported = try workspace.importFile(try workspace.generated(600, prefix: "b", name: "bulk.jsonl"))
        #expect(imported.status == 3, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported 600 entries, seq 1-600\n"))
        #expect(imported.stderr.contains("derived files need repair: ids:"), "\(imported.stderr)")
        try FileManager.default.removeItem(atPath: blocker)
        // The next write opens the ledger, which brings the id index up to date.
        let again = try workspace.importFile(try workspace.generated(600, prefix: "b", name: "bulk.jsonl"))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("600 entries were already recorded"), "\(again.stdout)")
        #expect(try workspace.verify().status == 0)
    }
}
