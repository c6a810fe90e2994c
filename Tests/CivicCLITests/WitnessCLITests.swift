import Foundation
import Testing

/// A witness cosigns a ledger's checkpoints, the operator attaches the cosignatures, and an
/// auditor verifies with the witnesses' keys: all through the built binary.
@Suite(.serialized) struct WitnessCLITests {
    static func checkpointPath(_ workspace: CLIWorkspace, _ size: Int) -> String {
        let digits = String(size)
        return workspace.ledger + "/checkpoints/" + String(repeating: "0", count: 20 - digits.count) + digits
    }

    @Test func keyCosignAttachVerify() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(5, prefix: "w", name: "a.jsonl")).status == 0)

        let w1 = try CLI.run(["witness", "key", "generate", "--name", "witness.example/w1", "--out", workspace.file("w1.key")])
        let w2 = try CLI.run(["witness", "key", "generate", "--name", "witness.example/w2", "--out", workspace.file("w2.key")])
        #expect(w1.status == 0 && w2.status == 0, "\(w1.stderr)")
        let w1vkey = w1.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let w2vkey = w2.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(w1vkey.hasPrefix("witness.example/w1+") && w1vkey.split(separator: "+")[2].hasPrefix("B"))
        let mode = try FileManager.default.attributesOfItem(atPath: workspace.file("w1.key"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try CLI.run(["witness", "key", "generate", "--name", "x", "--out", workspace.file("w1.key")]).status == 2)
        // A witness key cannot sign for the ledger, nor a ledger key cosign.
        let wrongKey = try CLI.run(["import", workspace.ledger, "/dev/null", "--key", workspace.file("w1.key")])
        #expect(wrongKey.status == 2 && wrongKey.stderr.contains("cosigning key (type 0x04)"), "\(wrongKey.stderr)")

        let state1 = workspace.file("state1")
        let state2 = workspace.file("state2")
        try FileManager.default.createDirectory(atPath: state1, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: state2, withIntermediateDirectories: true)
        func cosign(_ size: Int, key: String, state: String, _ extra: [String] = []) throws -> CLI.Result {
            try CLI.run(["witness", "cosign", Self.checkpointPath(workspace, size), "--key", workspace.file(key),
                         "--state", state, "--log-vkey", workspace.vkey] + extra)
        }

        #expect(try CLI.run(["witness", "cosign", Self.checkpointPath(workspace, 6), "--key", workspace.key,
                             "--state", state1, "--log-vkey", workspace.vkey]).status == 2)
        let first = try cosign(6, key: "w1.key", state: state1)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\n\u{2014} \(CLIWorkspace.origin) ") && first.stdout.contains("\u{2014} witness.example/w1 "))
        let cosigned1 = try workspace.write(first.stdout, to: "cosigned1.txt")
        let attached = try CLI.run(["witness", "attach", workspace.ledger, cosigned1, "--witness", w1vkey])
        #expect(attached.status == 0 && attached.stdout.contains("attached 1 signature"), "\(attached.stderr)")
        #expect(try CLI.run(["witness", "attach", workspace.ledger, cosigned1, "--witness", w1vkey]).stdout.contains("attached 0 signatures"))

        let verified = try workspace.verify(extra: ["--witness", w1vkey])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("witnessed up to size 6 by witness.example/w1"))
        // Two witnesses, by default all must have cosigned; with --quorum 1 one is enough.
        let both = try workspace.verify(extra: ["--witness", w1vkey, "--witness", w2vkey])
        #expect(both.status == 1 && both.stderr.contains("no kept checkpoint carries 2 valid cosignatures"), "\(both.stderr)")
        #expect(try workspace.verify(extra: ["--witness", w1vkey, "--witness", w2vkey, "--quorum", "1"]).status == 0)
        #expect(try workspace.verify(extra: ["--witness", w1vkey, "--quorum", "2"]).status == 2)
        #expect(try workspace.verify(extra: ["--witness", workspace.vkey]).status == 2)

        // The log grows; the witness checks consistency from the ledger or from a proof file.
        #expect(try workspace.importFile(try workspace.generated(5, prefix: "w", name: "b.jsonl", skip: 5)).status == 0)
        #expect(try cosign(11, key: "w1.key", state: state1).status == 2)  // no proof source
        let out = workspace.file("cosigned2.txt")
        let grown = try cosign(11, key: "w1.key", state: state1, ["--ledger", workspace.ledger, "--out", out])
        #expect(grown.status == 0 && grown.stdout.isEmpty, "\(grown.stderr)")
        #expect(try CLI.run(["witness", "attach", workspace.ledger, out, "--witness", w1vkey]).status == 0)
        #expect(try workspace.verify(extra: ["--witness", w1vkey]).stdout.contains("witnessed up to size 11 by witness.example/w1"))
        // Rolling back is refused.
        let back = try cosign(6, key: "w1.key", state: state1)
        #expect(back.status == 1 && back.stderr.contains("smaller"), "\(back.stderr)")

        // Witness 2 first saw size 6; a proof file of junk hashes is refused, a bad file is unusable.
        #expect(try cosign(6, key: "w2.key", state: state2).status == 0)
        let junk = try workspace.write(String(repeating: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", count: 3), to: "junk.proof")
        let refused = try cosign(11, key: "w2.key", state: state2, ["--proof", junk])
        #expect(refused.status == 1 && refused.stderr.contains("not consistent"), "\(refused.stderr)")
        let garbage = try workspace.write("not base64\n", to: "garbage.proof")
        #expect(try cosign(11, key: "w2.key", state: state2, ["--proof", garbage]).status == 2)

        // Attaching another text at a kept size is refused.
        let otherText = try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: "\n11\n", with: "\n6\n")
        let other = try workspace.write(otherText, to: "other.txt")
        #expect(try CLI.run(["witness", "attach", workspace.ledger, other, "--witness", w1vkey]).status == 1)

        // A damaged cosignature on a kept checkpoint fails verify --witness, not plain verify.
        let path = Self.checkpointPath(workspace, 6)
        let kept = try String(contentsOfFile: path, encoding: .utf8)
        var lines = kept.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("\u{2014} witness.example/w1 ") })
        var chars = Array(lines[index])
        let position = chars.count - 10
        chars[position] = chars[position] == "A" ? "B" : "A"
        lines[index] = String(chars)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(try workspace.verify().status == 0)
        let damaged = try workspace.verify(extra: ["--witness", w1vkey])
        #expect(damaged.status == 1 && damaged.stderr.contains("does not verify"), "\(damaged.stderr)")

        // The same forged line is refused by attach (exit 1, file unchanged); without --witness
        // attach is a usage error. The witness's valid cosignature then repairs the slot.
        let forged = try workspace.write(lines.joined(separator: "\n"), to: "forged.txt")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let refusedForgery = try CLI.run(["witness", "attach", workspace.ledger, forged, "--witness", w1vkey])
        #expect(refusedForgery.status == 1 && refusedForgery.stderr.contains("does not verify"), "\(refusedForgery.stderr)")
        #expect(try CLI.run(["witness", "attach", workspace.ledger, forged]).status == 2)
        #expect(try CLI.run(["witness", "attach", workspace.ledger, cosigned1, "--witness", w2vkey]).status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let repaired = try CLI.run(["witness", "attach", workspace.ledger, cosigned1, "--witness", w1vkey])
        #expect(repaired.status == 0 && repaired.stdout.contains("attached 1 signature"), "\(repaired.stderr)")
        #expect(try workspace.verify(extra: ["--witness", w1vkey]).status == 0)
    }
}
