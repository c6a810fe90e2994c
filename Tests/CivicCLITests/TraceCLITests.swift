import Foundation
import Testing

/// `civic trace` and `civic receipt --trace` end to end: formats, exit codes, the round trip
/// through verify-receipt, and an edited trace caught.
@Suite struct TraceCLITests {
    /// GEN: d1 100.00 (seq 2), d2 50.00 (seq 3); p1 120.00 (seq 4) takes d1 100.00 + d2 20.00;
    /// t1 moves 20.00 GEN > EDU (seq 5): d2 20.00; p2 in EDU 5.00 (seq 6) takes d2 5.00.
    static let entries = """
    {"kind":"fund","id":"fund-gen","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}
    {"kind":"donation","id":"d1","date":"2025-02-01","fund":"GEN","amount":{"value":10000,"currency":"CNY"},"donor":{"ref":"P-0001","type":"individual"},"form":"online","receipt":{"series":"R","number":1},"category":"children"}
    {"kind":"donation","id":"d2","date":"2025-02-02","fund":"GEN","amount":{"value":5000,"currency":"CNY"},"donor":{"anonymous":true},"form":"online","receipt":{"series":"R","number":2},"category":"children"}
    {"kind":"disbursement","id":"p1","date":"2025-03-01","fund":"GEN","amount":{"value":12000,"currency":"CNY"},"category":"children","expense":"charitable","beneficiary":{"group":"pupils"}}
    {"kind":"fund","id":"fund-edu","date":"2025-01-01","fund":{"code":"EDU","name":"Education","restriction":"restricted","purpose":"children"}}
    {"kind":"transfer","id":"t1","date":"2025-04-01","from":"GEN","to":"EDU","amount":{"value":2000,"currency":"CNY"},"authority":{"type":"board","ref":"B-1"}}
    {"kind":"disbursement","id":"p2","date":"2025-05-01","fund":"EDU","amount":{"value":500,"currency":"CNY"},"category":"children","expense":"charitable","beneficiary":{"group":"pupils"},"region":{"code":"110105","area":"urban"}}

    """

    static func workspace() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        let result = try workspace.importFile(try workspace.write(entries, to: "entries.jsonl"))
        try #require(result.status == 0, "import: \(result.stderr)")
        return workspace
    }

    @Test func textAndJSON() throws {
        let w = try Self.workspace()
        let text = try CLI.run(["trace", w.ledger, "d2", "--vkey", w.vkey])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.first == "trace of donation seq 3, id d2: 50.00 CNY to fund GEN on 2025-02-02")
        #expect(lines.contains("seq 4  2025-03-01  disbursement from GEN  children (charitable)  region not stated  20.00 CNY"))
        #expect(lines.contains("seq 6  2025-04-01  transfer GEN > EDU  20.00 CNY"))
        #expect(lines.contains("seq 7  2025-05-01  disbursement from EDU  children (charitable)  110105 urban  5.00 CNY"))
        #expect(lines.suffix(2) == ["spent: 25.00 CNY in 2 disbursements", "unspent: 25.00 CNY (EDU 15.00 CNY, GEN 10.00 CNY)"])
        let json = try CLI.run(["trace", w.ledger, "3", "--vkey", w.vkey, "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix(#"{"checkpoint":{"note":"ledger.example.org/foundation\n8\n"#))
        #expect(json.stdout.contains(#""spent":2500,"#) && json.stdout.hasSuffix("}\n"))
    }

    @Test func atAHeldCheckpoint() throws {
        let w = try Self.workspace()
        let held = w.file("held.txt")
        try FileManager.default.copyItem(atPath: w.ledger + "/checkpoints/00000000000000000008", toPath: held)
        let more = #"{"kind":"disbursement","id":"p3","date":"2025-06-01","fund":"GEN","amount":{"value":1000,"currency":"CNY"},"category":"children","expense":"charitable","beneficiary":{"group":"pupils"}}"#
        #expect(try w.importFile(try w.write(more + "\n", to: "more.jsonl")).status == 0)
        let now = try CLI.run(["trace", w.ledger, "d2", "--vkey", w.vkey])
        #expect(now.stdout.contains("seq 8  2025-06-01  disbursement from GEN"))
        let then = try CLI.run(["trace", w.ledger, "d2", "--vkey", w.vkey, "--checkpoint", held])
        #expect(then.status == 0 && !then.stdout.contains("seq 8 ") && then.stdout.contains("tree size 8,"))
    }

    @Test func errorsAndExitCodes() throws {
        let w = try Self.workspace()
        let unknown = try CLI.run(["trace", w.ledger, "13812345678", "--vkey", w.vkey])
        #expect(unknown.status == 2 && unknown.stdout.isEmpty)
        let personal = try CLI.run(["trace", w.ledger, "don-13812345678", "--vkey", w.vkey])
        #expect(personal.status == 2 && !personal.stderr.contains("13812345678"), "\(personal.stderr)")
        let notDonation = try CLI.run(["trace", w.ledger, "p1", "--vkey", w.vkey])
        #expect(notDonation.status == 2 && notDonation.stderr.contains("seq 4 is a disbursement; a trace follows a donation"))
        let other = try CLIWorkspace()
        let wrongKey = try CLI.run(["trace", w.ledger, "d1", "--vkey", other.vkey])
        #expect(wrongKey.status == 1 && wrongKey.stdout.isEmpty)
        let noKey = try CLI.run(["receipt", w.ledger, "d1", "--trace", "--out", w.file("r")])
        #expect(noKey.status == 2 && noKey.stderr.contains("--trace needs --vkey"))
    }

    @Test func receiptTraceRoundTripAndEdits() throws {
        let w = try Self.workspace()
        let path = w.file("d2.receipt")
        let made = try CLI.run(["receipt", w.ledger, "d2", "--trace", "--vkey", w.vkey, "--out", path])
        #expect(made.status == 0, "\(made.stderr)")
        let receipt = try String(contentsOfFile: path, encoding: .utf8)
        let json = try CLI.run(["trace", w.ledger, "d2", "--vkey", w.vkey, "--format", "json"]).stdout
        // The receipt's trace line is civic trace's JSON at the same checkpoint, byte for byte.
        #expect(receipt.contains("\ntrace " + json + "\nc2sp.org/tlog-proof@v1\n"))
        let verified = try CLI.run(["verify-receipt", path, "--vkey", w.vkey])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("trace: well formed and bound to the same checkpoint; it is the ledger's statement"))
        #expect(verified.stdout.contains("  unspent: 25.00 CNY (EDU 15.00 CNY, GEN 10.00 CNY)"))
        for (edit, replacement) in [(#""spent":2500"#, #""spent":2400"#), (#""amount":500,"#, #""amount":400,"#),
                                    (#""id":"d2","seq":3}"#, #""id":"d1","seq":3}"#), ("\\n8\\n", "\\n7\\n")] {
            #expect(receipt.contains(edit), "the receipt holds \(edit)")
            let edited = w.file("edited.receipt")
            try Data(receipt.replacingOccurrences(of: edit, with: replacement).utf8).write(to: URL(fileURLWithPath: edited))
            let result = try CLI.run(["verify-receipt", edited, "--vkey", w.vkey])
            #expect(result.status == 1 && result.stderr.contains("trace"), "\(edit): \(result.stderr)")
        }
        // A receipt without --trace has no trace section and verifies as before.
        let plain = try CLI.run(["receipt", w.ledger, "d2", "--vkey", w.vkey, "--out", w.file("plain.receipt")])
        let plainText = try String(contentsOfFile: w.file("plain.receipt"), encoding: .utf8)
        #expect(plain.status == 0 && !plainText.contains("\ntrace "))
    }

    @Test func receiptTraceOfAReversedDonation() throws {
        let w = try Self.workspace()
        // d3 (seq 8) gives GEN the money the reversal (seq 9) of d2 takes back out.
        let more = """
        {"kind":"donation","id":"d3","date":"2025-06-01","fund":"GEN","amount":{"value":10000,"currency":"CNY"},"donor":{"anonymous":true},"form":"online","receipt":{"series":"R","number":3},"category":"children"}
        {"kind":"reversal","id":"r1","date":"2025-06-01","target":3,"reason":"returned to the donor"}

        """
        let imported = try w.importFile(try w.write(more, to: "reversal.jsonl"))
        #expect(imported.status == 0, "\(imported.stderr)")
        let path = w.file("d2.receipt")
        #expect(try CLI.run(["receipt", w.ledger, "d2", "--trace", "--vkey", w.vkey, "--out", path]).status == 0)
        let verified = try CLI.run(["verify-receipt", path, "--vkey", w.vkey])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("  reversed by seq 9 on 2025-06-01: the donation was never drawn on"))
        // Dropping the reversal section leaves a trace that says reversed: caught.
        let receipt = try String(contentsOfFile: path, encoding: .utf8)
        let start = try #require(receipt.range(of: "\nreversal "))
        let end = try #require(receipt.range(of: "\n\n", range: start.upperBound..<receipt.endIndex))
        let cut = String(receipt[..<start.lowerBound]) + "\n" + String(receipt[end.upperBound...])
        let gistFixed = cut.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("reversed: ") }
            .joined(separator: "\n")
        try Data(gistFixed.utf8).write(to: URL(fileURLWithPath: w.file("cut.receipt")))
        let result = try CLI.run(["verify-receipt", w.file("cut.receipt"), "--vkey", w.vkey])
        #expect(result.status == 1 && result.stderr.contains("disagree on whether the donation was reversed"), "\(result.stderr)")
    }
}
