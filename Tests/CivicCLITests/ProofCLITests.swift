import Foundation
import Testing

/// Proofs and receipts from the command line: produced by the operator, checked offline.
@Suite(.serialized) struct ProofCLITests {
    @Test func receiptsProofsAndConsistencyFromTheCommandLine() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(40, prefix: "a", name: "a.jsonl")).status == 0)
        #expect(try workspace.importFile(try workspace.generated(10, prefix: "a", name: "b.jsonl", skip: 40)).status == 0)
        let donation = try CLI.run(["log", workspace.ledger, "--kind", "donation"]).stdout.split(separator: "\n")[0]
        let seq = try #require(donation.firstRange(of: "\"seq\":").map { donation[$0.upperBound...].prefix { $0.isNumber } })

        let receipt = workspace.file("gift.receipt")
        #expect(try CLI.run(["receipt", workspace.ledger, String(seq), "--out", receipt]).status == 0)
        let verified = try CLI.run(["verify-receipt", receipt, "--vkey", workspace.vkey])
        #expect(verified.status == 0 && verified.stdout.contains("kind: donation") && verified.stdout.contains("amount: "))
        let original = try String(contentsOfFile: receipt, encoding: .utf8)
        let amountLine = try #require(original.split(separator: "\n").first { $0.hasPrefix("amount: ") })
        let edited = original.replacingOccurrences(of: String(amountLine), with: "amount: 99999.00 CNY")
        try edited.write(toFile: receipt, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["verify-receipt", receipt, "--vkey", workspace.vkey])
        #expect(refused.status == 1 && refused.stderr.contains("gist"))
        #expect(try CLI.run(["verify-receipt", workspace.file("missing"), "--vkey", workspace.vkey]).status == 2)
        #expect(try CLI.run(["receipt", workspace.ledger, "1", "--out", receipt]).status == 2)  // a fund, not a gift

        let proof = workspace.file("entry.tlog-proof")
        let entry = workspace.file("entry.json")
        #expect(try CLI.run(["prove", workspace.ledger, String(seq), "--size", "41", "--out", proof]).status == 0)
        try Data(try CLI.run(["show", workspace.ledger, String(seq)]).stdout.utf8).write(to: URL(fileURLWithPath: entry))
        #expect(try CLI.run(["verify-proof", proof, "--entry", entry, "--vkey", workspace.vkey]).status == 0)
        try Data(try CLI.run(["show", workspace.ledger, "2"]).stdout.utf8).write(to: URL(fileURLWithPath: entry))
        #expect(try CLI.run(["verify-proof", proof, "--entry", entry, "--vkey", workspace.vkey]).status == 1)
        #expect(try CLI.run(["prove", workspace.ledger, "5", "--size", "30"]).status == 2)  // no checkpoint kept at 30

        let consistency = try CLI.run(["consistency", workspace.ledger, "--from", "1", "--to", "41"])
        #expect(consistency.status == 0 && consistency.stdout.hasPrefix("civicledger.consistency/v1\n"))
        let file = try workspace.write(consistency.stdout, to: "c.txt")
        let checked = try CLI.run(["verify-consistency", file, "--vkey", workspace.vkey])
        #expect(checked.status == 0 && checked.stdout.contains("tree size 41 extends tree size 1"))
        let other = try CLI.run(["key", "generate", "--name", CLIWorkspace.origin, "--out", workspace.file("o.key")]).stdout
        #expect(try CLI.run(["verify-consistency", file, "--vkey", other.trimmingCharacters(in: .newlines)]).status == 1)
    }

    @Test func receiptsCarryWitnessCosignatures() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(12, prefix: "a", name: "a.jsonl")).status == 0)
        let witnessKey = try CLI.run(["witness", "key", "generate", "--name", "witness.example", "--out", workspace.file("w.key")])
        #expect(witnessKey.status == 0, "\(witnessKey.stderr)")
        let witnessVKey = witnessKey.stdout.trimmingCharacters(in: .newlines)
        let state = workspace.file("witness-state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)
        let checkpoint = workspace.ledger + "/checkpoints/00000000000000000013"
        let cosigned = workspace.file("cosigned")
        let cosign = try CLI.run(["witness", "cosign", checkpoint, "--key", workspace.file("w.key"), "--state", state,
                                  "--log-vkey", workspace.vkey, "--ledger", workspace.ledger, "--out", cosigned])
        #expect(cosign.status == 0, "\(cosign.stderr)")
        #expect(try CLI.run(["witness", "attach", workspace.ledger, cosigned, "--witness", witnessVKey]).status == 0)

        let receipt = workspace.file("gift.receipt")
        #expect(try CLI.run(["receipt", workspace.ledger, "7", "--out", receipt]).status == 0)
        let witnessed = try CLI.run(["verify-receipt", receipt, "--vkey", workspace.vkey, "--witness", witnessVKey])
        #expect(witnessed.status == 0 && witnessed.stdout.contains("cosigned by witness.example"), "\(witnessed.stderr)")
        let stranger = try CLI.run(["witness", "key", "generate", "--name", "other.witness", "--out", workspace.file("o.key")])
        let strangerVKey = stranger.stdout.trimmingCharacters(in: .newlines)
        let short = try CLI.run(["verify-receipt", receipt, "--vkey", workspace.vkey, "--witness", witnessVKey,
                                 "--witness", strangerVKey])
        #expect(short.status == 1 && short.stderr.contains("1 of 2 witnesses"), "\(short.stderr)")
        let enough = try CLI.run(["verify-receipt", receipt, "--vkey", workspace.vkey, "--witness", witnessVKey,
                                  "--witness", strangerVKey, "--quorum", "1"])
        #expect(enough.status == 0)
    }

    /// A receipt for a reversed donation says so, covered by its verification.
    @Test func aReceiptStatesTheReversal() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let fund = #"{"kind":"fund","id":"f1","date":"2025-01-02","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}"#
        let gift = #"{"kind":"donation","id":"d1","date":"2025-01-03","fund":"GEN","amount":{"value":100,"currency":"CNY"},"#
            + #""donor":{"ref":"D-1","type":"individual"},"form":"online","receipt":{"series":"R","number":1},"category":"other"}"#
        let reversal = #"{"kind":"reversal","id":"r1","date":"2025-02-01","target":2,"reason":"entered twice"}"#
        #expect(try workspace.importFile(try workspace.write(fund + "\n" + gift + "\n", to: "a.jsonl")).status == 0)
        #expect(try workspace.importFile(try workspace.write(reversal + "\n", to: "b.jsonl")).status == 0)

        let before = workspace.file("before.receipt")
        #expect(try CLI.run(["receipt", workspace.ledger, "d1", "--size", "3", "--out", before]).status == 0)
        #expect(!(try String(contentsOfFile: before, encoding: .utf8)).contains("reversed"))
        let receipt = workspace.file("gift.receipt")
        #expect(try CLI.run(["receipt", workspace.ledger, "d1", "--out", receipt]).status == 0)
        let verified = try CLI.run(["verify-receipt", receipt, "--vkey", workspace.vkey])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("  reversed: seq 3, value date 2025-02-01, reason: entered twice"), "\(verified.stdout)")
        // Without the writer's book (its shortcut) the log is scanned: the same receipt.
        try FileManager.default.removeItem(atPath: workspace.ledger + "/state/book.json")
        let scanned = workspace.file("scanned.receipt")
        #expect(try CLI.run(["receipt", workspace.ledger, "d1", "--out", scanned]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scanned)) == (try Data(contentsOf: URL(fileURLWithPath: receipt))))

        // Dropping the gist line, or the reversal with its proof, or editing the reason, fails.
        let text = try String(contentsOfFile: receipt, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let gistLine = try #require(lines.firstIndex { $0.hasPrefix("reversed: ") })
        let section = try #require(lines.firstIndex { $0.hasPrefix("reversal ") })
        let blank = try #require(lines[section...].firstIndex(of: ""))
        var withoutSection = lines
        withoutSection.removeSubrange(section...blank)
        lines.remove(at: gistLine)
        for (name, edited) in [("no-line", lines.joined(separator: "\n")), ("no-section", withoutSection.joined(separator: "\n")),
                               ("reason", text.replacingOccurrences(of: "reason: entered twice", with: "reason: typo"))] {
            let path = try workspace.write(edited, to: name + ".receipt")
            let refused = try CLI.run(["verify-receipt", path, "--vkey", workspace.vkey])
            #expect(refused.status == 1, "\(name): \(refused.stderr)")
        }
    }
}
