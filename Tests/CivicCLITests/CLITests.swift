import Foundation
import Testing

/// The "done means", run against the built binary as a new user would.
@Suite(.serialized) struct CLITests {
    @Test func importTwentyThousandLogAndVerify() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let file = try workspace.generated(20_000, prefix: "e", name: "entries.jsonl")
        let imported = try workspace.importFile(file)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported 20000 entries, seq 1-20000\n"))
        let log = try CLI.run(["log", workspace.ledger])
        #expect(log.status == 0)
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 20_001)
        #expect(lines.last?.contains("\"seq\":20000") == true)
        let verified = try workspace.verify()
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("20001 entries"))

        let otherKey = try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", workspace.file("other.key")])
        #expect(otherKey.status == 0)
        let wrong = try workspace.verify(vkey: otherKey.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("no signature by a trusted key"))
    }

    @Test func showFindsBySeqAndByID() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(20, prefix: "s", name: "e.jsonl")).status == 0)
        let bySeq = try CLI.run(["show", workspace.ledger, "7", "--vkey", workspace.vkey])
        let byID = try CLI.run(["show", workspace.ledger, "s00000007"])
        #expect(bySeq.status == 0 && byID.status == 0)
        #expect(bySeq.stdout == byID.stdout)
        #expect(bySeq.stdout.contains("\"seq\":7"))
        #expect(try CLI.run(["show", workspace.ledger, "99"]).status == 2)
        #expect(try CLI.run(["show", workspace.ledger, "no-such-id"]).status == 2)
    }

    @Test func flippedBytesFailAndTailCutsPass() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(50, prefix: "a", name: "a.jsonl")).status == 0)
        let clean = try workspace.snapshot()
        for (path, data) in clean where !data.isEmpty {
            for position in Set([0, data.count / 2, data.count - 1]) {
                var mutated = data
                mutated[position] ^= 0x20
                try mutated.write(to: URL(fileURLWithPath: workspace.ledger + "/" + path))
                let result = try workspace.verify()
                #expect(result.status == 1, "\(path) byte \(position): \(result.stdout)")
                #expect(result.stderr.hasPrefix("civic: ") && result.stderr.split(separator: "\n").count == 1)
                try data.write(to: URL(fileURLWithPath: workspace.ledger + "/" + path))
            }
        }
        // An interrupted import: its entries are on disk but its checkpoint is not.
        #expect(try workspace.importFile(try workspace.generated(30, prefix: "a", name: "b.jsonl", skip: 50)).status == 0)
        try FileManager.default.removeItem(atPath: workspace.ledger + "/checkpoints/00000000000000000081")
        // The id index and the rules' book are written after the checkpoint, so such a crash
        // leaves them as they were.
        for derived in ["ids", "state/book.json"] {
            try clean[derived]!.write(to: URL(fileURLWithPath: workspace.ledger + "/" + derived))
        }
        let segment = workspace.ledger + "/entries/00000000000000000000.jsonl"
        let full = try Data(contentsOf: URL(fileURLWithPath: segment))
        let committed = clean["entries/00000000000000000000.jsonl"]!.count
        for cut in [committed, committed + 1, (committed + full.count) / 2, full.count - 1] {
            try full.prefix(cut).write(to: URL(fileURLWithPath: segment))
            let result = try workspace.verify()
            #expect(result.status == 0, "cut at \(cut): \(result.stderr)")
            #expect(result.stdout.contains("51 entries") && result.stdout.contains("never acknowledged"))
        }
        #expect(try workspace.importFile(try workspace.generated(5, prefix: "a", name: "c.jsonl", skip: 80)).status == 0)
        let after = try workspace.verify()
        #expect(after.status == 0 && after.stdout.contains("56 entries") && !after.stdout.contains("never acknowledged"))
    }

    @Test func heldCheckpoint() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let held = workspace.file("held.checkpoint")
        try FileManager.default.copyItem(atPath: workspace.ledger + "/checkpoints/00000000000000000001", toPath: held)
        #expect(try workspace.importFile(try workspace.generated(10, prefix: "a", name: "a.jsonl")).status == 0)
        let result = try workspace.verify(extra: ["--checkpoint", held])
        #expect(result.status == 0 && result.stdout.contains("extends the held checkpoint at size 1"))
        var text = try String(contentsOfFile: held, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n1\n", with: "\n2\n")
        try text.write(toFile: held, atomically: true, encoding: .utf8)
        #expect(try workspace.verify(extra: ["--checkpoint", held]).status == 1)
    }
}
