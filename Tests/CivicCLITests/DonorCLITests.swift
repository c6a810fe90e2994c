import Foundation
import Testing

/// `civic donor …` against the built binary: the whole life of a private donor record.
@Suite(.serialized) struct DonorCLITests {
    static func donation(id: String, ref: String, commitment: String, number: Int) -> String {
        """
        {"kind":"donation","id":"\(id)","date":"2025-03-01","fund":"GEN","amount":{"value":50000,"currency":"CNY"},\
        "donor":{"ref":"\(ref)","type":"individual"},"commitment":"\(commitment)","form":"online",\
        "receipt":{"series":"R2025","number":\(number)},"category":"assistance"}
        """
    }

    @Test func addImportProveRedactVerify() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let added = try CLI.run(["donor", "add", workspace.ledger, "--ref", "P-7f3a9c", "--name", "王小明",
                                 "--contact", "wang.xiaoming@example.cn"])
        #expect(added.status == 0, "\(added.stderr)")
        let commitment = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(commitment.utf8.count == 64)

        let again = try CLI.run(["donor", "add", workspace.ledger, "--ref", "P-7f3a9c", "--name", "Someone Else"])
        #expect(again.status == 2 && again.stderr.contains("P-7f3a9c") && again.stderr.contains("refusing to overwrite"))
        let phone = try CLI.run(["donor", "add", workspace.ledger, "--ref", "13812345678", "--name", "A"])
        #expect(phone.status == 2 && phone.stderr.contains("mobile number"))

        let shown = try CLI.run(["donor", "show", workspace.ledger, "P-7f3a9c"])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix(#"{"contact":"wang.xiaoming@example.cn","name":"王小明","ref":"P-7f3a9c","salt":""#))
        let recordFile = try workspace.write(shown.stdout, to: "donor-copy.json")

        let lines = [
            #"{"kind":"fund","id":"fund-GEN","date":"2025-01-01","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}"#,
            Self.donation(id: "don-1", ref: "P-7f3a9c", commitment: commitment, number: 1),
            Self.donation(id: "don-2", ref: "P-7f3a9c", commitment: String(repeating: "ab", count: 32), number: 2),
        ]
        let imported = try workspace.importFile(try workspace.write(lines.joined(separator: "\n") + "\n", to: "don.jsonl"))
        #expect(imported.status == 0, "\(imported.stderr)")
        let log = try CLI.run(["log", workspace.ledger])
        #expect(!log.stdout.contains("王小明") && !log.stdout.contains("wang.xiaoming"))

        let proved = try CLI.run(["donor", "prove", recordFile, workspace.ledger, "2", "--vkey", workspace.vkey])
        #expect(proved.status == 0, "\(proved.stderr)")
        #expect(proved.stdout == "ok: commitment \(commitment) of donation seq 2 matches the record\n")
        #expect(try CLI.run(["donor", "prove", recordFile, workspace.ledger, "don-1"]).status == 0)
        let wrong = try CLI.run(["donor", "prove", recordFile, workspace.ledger, "don-2"])
        #expect(wrong.status == 1 && wrong.stderr.contains("does not match"))
        let renamed = try workspace.write(shown.stdout.replacingOccurrences(of: "王小明", with: "王小敏"), to: "renamed.json")
        #expect(try CLI.run(["donor", "prove", renamed, workspace.ledger, "2"]).status == 1)
        #expect(try CLI.run(["donor", "prove", recordFile, workspace.ledger, "1"]).status == 2)
        #expect(try CLI.run(["donor", "prove", workspace.file("missing.json"), workspace.ledger, "2"]).status == 2)

        let redacted = try CLI.run(["donor", "redact", workspace.ledger, "P-7f3a9c"])
        #expect(redacted.status == 0, "\(redacted.stderr)")
        let verified = try workspace.verify()
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("4 entries"))
        let gone = try CLI.run(["donor", "show", workspace.ledger, "P-7f3a9c"])
        #expect(gone.status == 2 && gone.stderr.contains("P-7f3a9c"))
        #expect(try CLI.run(["donor", "redact", workspace.ledger, "P-7f3a9c"]).status == 2)
        // The donor's own copy still proves the donation after the charity erased its copy.
        #expect(try CLI.run(["donor", "prove", recordFile, workspace.ledger, "2"]).status == 0)
    }

    @Test func badInputExitsTwo() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try CLI.run(["donor", "add", workspace.ledger, "--ref", "P-1"]).status == 2)
        #expect(try CLI.run(["donor", "add", workspace.ledger, "--ref", "P 1", "--name", "A"]).status == 2)
        #expect(try CLI.run(["donor", "add", workspace.ledger, "--ref", "P-1", "--name", ""]).status == 2)
        #expect(try CLI.run(["donor", "add", workspace.root.path, "--ref", "P-1", "--name", "A"]).status == 2)
        #expect(try CLI.run(["donor", "show", workspace.ledger, "P-1"]).status == 2)
        #expect(try CLI.run(["donor", "show", workspace.ledger, "../x"]).status == 2)
        let junk = try workspace.write(#"{"name":"A", "ref":"P-1"}"#, to: "junk.json")
        #expect(try CLI.run(["donor", "prove", junk, workspace.ledger, "0"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: workspace.ledger + "/private/donors/P-1.json"))
    }
}
