import Foundation
import Testing

/// `civic publish` against the built binary.
@Suite(.serialized) struct TilePublishCLITests {
    @Test func publishesIncrementallyAndChecksTheKey() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        try #require(try workspace.importFile(workspace.generated(299, prefix: "p", name: "a.jsonl")).status == 0)
        let out = workspace.file("published")

        let first = try CLI.run(["publish", workspace.ledger, out, "--vkey", workspace.vkey])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.dropLast()) == ["wrote tile/0/000", "wrote tile/0/001.p/44", "wrote tile/1/000.p/1",
                                            "wrote tile/entries/000", "wrote tile/entries/001.p/44", "wrote index.html",
                                            "wrote checkpoint"])
        #expect(first.stdout.hasSuffix("7 files written, 0 unchanged\n"))
        #expect(FileManager.default.contents(atPath: out + "/checkpoint")
                == FileManager.default.contents(atPath: workspace.ledger + "/checkpoints/00000000000000000300"))

        try #require(try workspace.importFile(workspace.generated(5, prefix: "p", name: "b.jsonl", skip: 299)).status == 0)
        let second = try CLI.run(["publish", workspace.ledger, out])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("wrote tile/0/001.p/49\nwrote tile/entries/001.p/49\nwrote checkpoint\npublished size 305 "))
        #expect(second.stdout.hasSuffix("3 files written, 4 unchanged\n"))

        let rollback = try CLI.run(["publish", workspace.ledger, out, "--size", "300"])
        #expect(rollback.status == 2 && rollback.stderr.contains("roll it back"))
        let missing = try CLI.run(["publish", workspace.ledger, workspace.file("other"), "--size", "7"])
        #expect(missing.status == 2 && missing.stderr.contains("no checkpoint at size 7"))

        let otherKey = try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", workspace.file("other.key")])
        let wrongKey = otherKey.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try CLI.run(["publish", workspace.ledger, workspace.file("other"), "--vkey", wrongKey])
        #expect(refused.status == 1)
        #expect(!FileManager.default.fileExists(atPath: workspace.file("other")))
    }

    /// The donor page pins the genesis key when no --vkey is given, lists the --witness
    /// keys, and a bad witness key is refused before anything is written.
    @Test func writesTheDonorPage() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let witness = try CLI.run(["witness", "key", "generate", "--name", "witness.example.org/w1", "--out", workspace.file("w.key")])
        let witnessKey = witness.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let out = workspace.file("published")
        let published = try CLI.run(["publish", workspace.ledger, out, "--witness", witnessKey])
        #expect(published.status == 0, "\(published.stderr)")
        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(page.contains("<code id=\"vkey\">\(workspace.vkey)</code>"))
        #expect(page.contains("<li><code>\(witnessKey)</code></li>"))
        #expect(page.contains("\"witnesses\":[\"\(witnessKey)\"]"))

        let badWitness = try CLI.run(["publish", workspace.ledger, workspace.file("other"), "--witness", workspace.vkey])
        #expect(badWitness.status == 2 && badWitness.stderr.contains("not a witness's cosigning key"), "\(badWitness.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.file("other")))

        // A checkpoint the genesis key did not sign (here: another ledger's, copied in) is not
        // pinned silently: without --vkey the publication stops before writing anything.
        let other = try CLIWorkspace()
        defer { other.remove() }
        let checkpoint = "/checkpoints/00000000000000000001"
        try FileManager.default.removeItem(atPath: workspace.ledger + checkpoint)
        try FileManager.default.copyItem(atPath: other.ledger + checkpoint, toPath: workspace.ledger + checkpoint)
        let unsigned = try CLI.run(["publish", workspace.ledger, workspace.file("other")])
        #expect(unsigned.status == 2 && unsigned.stderr.contains("not signed by the genesis key"), "\(unsigned.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.file("other")))
    }
}
