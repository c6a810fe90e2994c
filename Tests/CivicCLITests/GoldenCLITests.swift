import Foundation
import Testing

/// Byte-for-byte transcripts of the CLI (Golden.swift): every command's --help, one ledger's
/// life through the main commands, and error cases. Regenerate with Scripts/update-golden.
@Suite(.serialized) struct GoldenCLITests {
    static let vkey = "ledger.vkey"
    static let checkpoint2 = "ledger/checkpoints/00000000000000000002"

    @Test func helpOfEveryCommand() throws {
        let session = try GoldenSession(prefix: "help-")
        var pending: [[String]] = [[]]
        while let path = pending.popLast(), path.count < 4 {
            let result = try session.run((["civic"] + path).joined(separator: "-"), path + ["--help"])
            #expect(result.status == 0, "\(path) --help: \(result.stderr)")
            pending += Self.subcommands(result.stdout).map { path + [$0] }
        }
        #expect(session.names.count >= 30)
        try session.finish()
    }

    /// The names listed under SUBCOMMANDS: in a help text (`help` itself aside).
    static func subcommands(_ help: String) -> [String] {
        guard let range = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        let block = help[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
        return block.compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = String(line.dropFirst(2).prefix { $0 != " " })
            return name == "help" || name.isEmpty ? nil : name
        }
    }

    @Test func mainCommandsOnOneLedger() throws {
        let session = try GoldenSession(prefix: "flow-")
        try session.run("01-init", ["init", "ledger", "--origin", GoldenSession.origin, "--org-name", "Example Charity Foundation",
                                    "--uscc", "53100000500021676K", "--org-type", "foundation", "--public-fundraising",
                                    "--key", "ledger.key"])
        try session.run("02-add-fund", ["add", "fund", "ledger", "--key", "ledger.key", "--id", "fund-gen", "--code", "GEN",
                                        "--name", "General fund", "--restriction", "unrestricted"])
        try session.run("03-add-donation", ["add", "donation", "ledger", "--key", "ledger.key", "--id", "don-1", "--date", "2025-03-01",
                                            "--amount", "500.00", "--fund", "GEN", "--category", "children",
                                            "--donor-ref", "P-0001", "--donor-type", "individual", "--receipt", "auto"])
        try session.write(GoldenInputs.jsonl, to: "batch.jsonl")
        try session.run("04-import-jsonl", ["import", "ledger", "batch.jsonl", "--key", "ledger.key"])
        try session.write(GoldenInputs.csv, to: "batch.csv")
        try session.run("05-import-csv-dry-run", ["import", "ledger", "batch.csv", "--key", "ledger.key", "--dry-run"])
        try session.run("06-import-csv", ["import", "ledger", "batch.csv", "--key", "ledger.key"])
        try session.write(GoldenInputs.stdinLine, to: "stdin.jsonl")
        try session.run("07-import-stdin", ["import", "ledger", "-", "--key", "ledger.key"], stdin: "stdin.jsonl")
        try session.run("08-verify", ["verify", "ledger", "--vkey", Self.vkey])
        try session.run("09-log", ["log", "ledger", "--vkey", Self.vkey])
        try session.run("10-log-kind", ["log", "ledger", "--kind", "donation", "--from", "2", "--to", "5"])
        try session.run("11-show-seq", ["show", "ledger", "3"])
        try session.run("12-show-id", ["show", "ledger", "don-1", "--vkey", Self.vkey])
        try session.run("13-prove", ["prove", "ledger", "don-1", "--out", "don-1.proof"], files: ["don-1.proof"])
        try session.write(try CLI.run(["show", "ledger", "don-1"], directory: session.root).stdout, to: "don-1.json")
        try session.run("14-verify-proof", ["verify-proof", "don-1.proof", "--entry", "don-1.json", "--vkey", Self.vkey])
        try session.run("15-consistency", ["consistency", "ledger", "--from", "2", "--out", "c.proof"], files: ["c.proof"])
        try session.run("16-verify-consistency", ["verify-consistency", "c.proof", "--vkey", Self.vkey])
        try session.run("17-receipt", ["receipt", "ledger", "don-1", "--out", "don-1.receipt"], files: ["don-1.receipt"])
        try session.run("18-verify-receipt", ["verify-receipt", "don-1.receipt", "--vkey", Self.vkey])
        try session.run("19-audit", ["audit", "ledger", "--vkey", Self.vkey])
        try session.run("20-audit-json", ["audit", "ledger", "--vkey", Self.vkey, "--format", "json", "--year", "2025"])
        try session.run("21-export-summary", ["export", "summary", "ledger", "--vkey", Self.vkey, "--by", "kind,fund", "--year", "2025"])
        try session.run("22-export-summary-csv", ["export", "summary", "ledger", "--vkey", Self.vkey, "--by", "month",
                                                  "--year", "2025", "--format", "csv"])
        try session.run("23-export-ratios", ["export", "ratios", "ledger", "--vkey", Self.vkey, "--year", "2025"])
        try FileManager.default.createDirectory(at: session.path("state"), withIntermediateDirectories: true)
        let newest = try Self.newestCheckpoint(session)
        try session.run("24-witness-cosign", ["witness", "cosign", newest, "--key", "witness.key", "--state", "state",
                                              "--log-vkey", Self.vkey, "--out", "cosigned.txt"], files: ["cosigned.txt"])
        try session.run("25-witness-attach", ["witness", "attach", "ledger", "cosigned.txt"])
        try session.run("26-verify-witness", ["verify", "ledger", "--vkey", Self.vkey, "--witness", "witness.vkey"])
        try session.run("27-verify-held-checkpoint", ["verify", "ledger", "--vkey", Self.vkey, "--checkpoint", Self.checkpoint2])
        try session.run("28-publish", ["publish", "ledger", "tiles", "--vkey", Self.vkey], files: ["tiles/checkpoint"])
        try session.run("29-publish-again", ["publish", "ledger", "tiles"])
        // don-2 (seq 4) is reversed by rev-1 (seq 8), so nothing drew on it; don-4 (seq 7, EDU)
        // came after the only disbursement and remains unspent.
        try session.run("30-trace", ["trace", "ledger", "don-2", "--vkey", Self.vkey])
        try session.run("31-trace-json", ["trace", "ledger", "7", "--vkey", Self.vkey, "--format", "json"])
        try session.run("32-receipt-trace", ["receipt", "ledger", "don-2", "--trace", "--vkey", Self.vkey, "--out", "don-2.receipt"],
                        files: ["don-2.receipt"])
        try session.run("33-verify-receipt-trace", ["verify-receipt", "don-2.receipt", "--vkey", Self.vkey])
        try session.finish()
    }

    static func newestCheckpoint(_ session: GoldenSession) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: session.path("ledger/checkpoints").path)
        return "ledger/checkpoints/" + (try #require(names.filter { $0.allSatisfy(\.isNumber) }.max()))
    }
}
