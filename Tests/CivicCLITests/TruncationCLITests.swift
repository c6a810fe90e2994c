import Foundation
import Testing

/// SECURITY.md, "What plain verify detects": cutting the newest batch together with its
/// checkpoint and the derived files leaves a ledger that is exactly what it was before that
/// batch, so plain `verify` passes; only a checkpoint held from before the cut exposes it.
@Suite struct TruncationCLITests {
    @Test func cuttingTheNewestBatchPassesPlainVerifyButNotAHeldCheckpoint() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(6, prefix: "t", name: "a.jsonl")).status == 0)
        let before = workspace.file("before-cut")
        try FileManager.default.copyItem(atPath: workspace.ledger, toPath: before)
        #expect(try workspace.importFile(try workspace.generated(4, prefix: "t", name: "b.jsonl", skip: 6)).status == 0)
        let held = workspace.file("held-checkpoint")
        try FileManager.default.copyItem(atPath: workspace.ledger + "/checkpoints/00000000000000000011", toPath: held)
        #expect(try workspace.verify(extra: ["--checkpoint", held]).status == 0)

        // The operator cuts the newest batch: entries, index, tree, its checkpoint, ids and
        // the book all go back to their bytes before it (the copy taken then).
        try FileManager.default.removeItem(atPath: workspace.ledger)
        try FileManager.default.moveItem(atPath: before, toPath: workspace.ledger)
        let plain = try workspace.verify()
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains(": 7 entries,"), "\(plain.stdout)")
        let withHeld = try workspace.verify(extra: ["--checkpoint", held])
        #expect(withHeld.status == 1, "\(withHeld.stdout)\(withHeld.stderr)")
        #expect(withHeld.stderr.contains("11"), "\(withHeld.stderr)")
    }
}
