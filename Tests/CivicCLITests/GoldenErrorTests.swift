import Foundation
import Testing

/// Golden transcripts of refusals: each names where and what, with its documented exit code.
@Suite(.serialized) struct GoldenErrorTests {
    @Test func refusalsAndTheirMessages() throws {
        let session = try GoldenSession(prefix: "error-")
        let setup = try CLI.run(["init", "ledger", "--origin", GoldenSession.origin, "--org-name", "Example Charity Foundation",
                                 "--uscc", "53100000500021676K", "--org-type", "foundation", "--key", "ledger.key"],
                                directory: session.root, environment: Golden.environment)
        try #require(setup.status == 0, "\(setup.stderr)")
        try session.write(GoldenInputs.jsonl, to: "batch.jsonl")
        try session.run("usage-unknown-command", ["frobnicate"])
        try session.run("usage-missing-option", ["verify", "ledger"])
        try session.run("clock-override-invalid", ["verify", "ledger", "--vkey", "ledger.vkey"],
                        environment: ["CIVIC_FIXED_TIME": "2025-10-10 08:00"])
        try session.run("key-generate-existing", ["key", "generate", "--name", "x.example/y", "--out", "ledger.key"])
        try session.run("init-not-empty", ["init", "ledger", "--origin", GoldenSession.origin, "--org-name", "X",
                                           "--uscc", "53100000500021676K", "--org-type", "foundation", "--key", "ledger.key"])
        try session.write(#"{"kind":"fund","id":"f","date":"2025-01-05","fund":{"code":"A","name":"A","restriction":"unrestricted"},"amount":1.5}"# + "\n",
                          to: "float.jsonl")
        try session.run("import-float", ["import", "ledger", "float.jsonl", "--key", "ledger.key"])
        try session.write("{\"kind\":\"fund\",\n", to: "malformed.jsonl")
        try session.run("import-malformed-line", ["import", "ledger", "malformed.jsonl", "--key", "ledger.key"])
        try session.write("kind,id,date,fund,amount\ndonation,d-1,2025-13-01,GEN,1.00\n", to: "bad.csv")
        try session.run("import-csv-bad-row", ["import", "ledger", "bad.csv", "--key", "ledger.key"])
        try session.run("import-rule-refusal", ["add", "donation", "ledger", "--key", "ledger.key", "--id", "d-x", "--date", "2025-03-01",
                                                "--amount", "5.00", "--fund", "NOPE", "--category", "children",
                                                "--donor-ref", "P-1", "--donor-type", "individual", "--receipt", "declined"])
        try session.run("verify-wrong-key", ["verify", "ledger", "--vkey", "witness.vkey"])
        try session.run("show-missing", ["show", "ledger", "99"])
        try session.run("trace-not-a-donation", ["trace", "ledger", "0", "--vkey", "ledger.vkey"])
        try session.run("trace-unknown-id", ["trace", "ledger", "gift-13812345678", "--vkey", "ledger.vkey"])
        try session.run("not-a-ledger", ["log", "batch.jsonl"])
        let segment = session.path("ledger/entries/00000000000000000000.jsonl")
        let tampered = try String(contentsOf: segment, encoding: .utf8).replacingOccurrences(of: "Example Charity", with: "Exemple Charity")
        try Data(tampered.utf8).write(to: segment)
        try session.run("verify-tampered", ["verify", "ledger", "--vkey", "ledger.vkey"])
        try session.finish()
    }
}
