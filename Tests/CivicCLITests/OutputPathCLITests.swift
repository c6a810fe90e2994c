import Foundation
import Testing

/// `--out` never writes inside a ledger directory, never replaces a file without --force.
@Suite struct OutputPathCLITests {
    func summary(_ workspace: CLIWorkspace, _ out: String, force: Bool = false) throws -> CLI.Result {
        try CLI.run(["export", "summary", workspace.ledger, "--vkey", workspace.vkey, "--by", "kind", "--out", out]
                    + (force ? ["--force"] : []))
    }

    @Test func theLedgersOwnFilesAreNeverOverwritten() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let before = try workspace.snapshot()
        let link = workspace.file("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: workspace.ledger)
        try FileManager.default.createSymbolicLink(atPath: workspace.file("index-link"),
                                                   withDestinationPath: workspace.ledger + "/index")
        for out in [workspace.ledger + "/index", workspace.ledger + "/new.csv", workspace.ledger + "/entries/x.csv",
                    workspace.ledger + "/entries/../tree", link + "/index", link + "/entries/new.csv",
                    workspace.file("index-link"), workspace.ledger] {
            for force in [false, true] {
                let result = try summary(workspace, out, force: force)
                #expect(result.status == 2, "\(out): \(result.stderr)")
                #expect(result.stderr.contains("ledger directory") || result.stderr.contains("is a directory"), "\(result.stderr)")
            }
        }
        #expect(try workspace.snapshot() == before)
        #expect(try workspace.verify().status == 0)
        let key = try CLI.run(["key", "generate", "--name", "x.example/k", "--out", workspace.ledger + "/k.key"])
        #expect(key.status == 2 && key.stderr.contains("ledger directory"), "\(key.stderr)")
    }

    @Test func anExistingFileNeedsForce() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let out = try workspace.write("keep me", to: "summary.csv")
        let refused = try summary(workspace, out)
        #expect(refused.status == 2 && refused.stderr.contains("already exists; pass --force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        let forced = try summary(workspace, out, force: true)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("\"checkpoint\""))
        let fresh = try summary(workspace, workspace.file("fresh.csv"))
        #expect(fresh.status == 0)
        let missing = try summary(workspace, workspace.file("no/such/dir.csv"))
        #expect(missing.status == 2 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.file("")).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
