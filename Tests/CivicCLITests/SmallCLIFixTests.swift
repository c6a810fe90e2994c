import Foundation
import Testing

/// Small honesty fixes: a failed init leaves no key, digits are always a seq, an empty or
/// inverted log range is an error, and `--version` says what is running.
@Suite(.serialized) struct SmallCLIFixTests {
    private func initArguments(_ ledger: String, key: String, uscc: String = "53100000500021676K") -> [String] {
        ["init", ledger, "--origin", CLIWorkspace.origin, "--org-name", "Example", "--uscc", uscc,
         "--org-type", "foundation", "--key", key]
    }

    @Test func aFailedInitLeavesNoKeyFile() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let blocker = try workspace.write("a file, not a directory", to: "blocker")
        let key = workspace.file("new.key")
        let failed = try CLI.run(initArguments(blocker + "/ledger", key: key))
        #expect(failed.status == 2, "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: key), "the key file created for the failed init is left behind")
        let invalid = try CLI.run(initArguments(workspace.file("l2"), key: key, uscc: "bad"))
        #expect(invalid.status == 2)
        #expect(!FileManager.default.fileExists(atPath: key))
        // An existing key is never removed.
        let kept = try CLI.run(initArguments(blocker + "/ledger", key: workspace.key))
        #expect(kept.status == 2 && FileManager.default.fileExists(atPath: workspace.key))
    }

    @Test func digitsAreASeqAndLeadingZerosAreRefused() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let zero = try CLI.run(["show", workspace.ledger, "00"])
        #expect(zero.status == 2 && zero.stderr.contains("seq 00 must not have leading zeros"), "\(zero.stderr)")
        let padded = try CLI.run(["show", workspace.ledger, "011"])
        #expect(padded.status == 2 && padded.stderr.contains("seq 011 must not have leading zeros"))
        let huge = try CLI.run(["show", workspace.ledger, "99999999999999999999"])
        #expect(huge.status == 2 && huge.stderr.contains("exceeds 2^53−1"))
        #expect(try CLI.run(["show", workspace.ledger, "0"]).status == 0)
    }

    @Test func anInvertedOrOutOfRangeLogIsAnError() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let inverted = try CLI.run(["log", workspace.ledger, "--from", "10", "--to", "5"])
        #expect(inverted.status == 2 && inverted.stderr.contains("--from 10 is after --to 5"), "\(inverted.stderr)")
        let beyond = try CLI.run(["log", workspace.ledger, "--from", "10"])
        #expect(beyond.status == 2 && beyond.stderr.contains("--from 10 is beyond the ledger's size 1"))
        let all = try CLI.run(["log", workspace.ledger, "--from", "0", "--to", "1"])
        #expect(all.status == 0 && all.stdout.contains("\"seq\":0"))
    }

    @Test func versionNamesTheSoftwareAndTheSchema() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.range(of: #"^\d+\.\d+\.\d+ \(entry schema v1\)\n$"#, options: .regularExpression) != nil,
                "\(version.stdout)")
    }

    /// `add --date` is read as a CivilDate, and a writer may not supply an absurd one.
    @Test func addRefusesDatesOutsideTheWritableRange() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        func add(_ date: String) throws -> CLI.Result {
            try CLI.run(["add", "fund", workspace.ledger, "--key", workspace.key, "--code", "GEN", "--name", "General",
                         "--restriction", "unrestricted", "--date", date])
        }
        for date in ["0001-01-01", "9999-12-31"] {
            let refused = try add(date)
            #expect(refused.status == 2 && refused.stderr.contains("outside the value dates 1900-01-01…2199-12-31"), "\(refused.stderr)")
        }
        let impossible = try add("2025-02-30")
        #expect(impossible.status == 2 && impossible.stderr.contains("--date is not a calendar date"), "\(impossible.stderr)")
        #expect(try add("2199-12-31").status == 0)
        #expect(try CLI.run(["log", workspace.ledger]).stdout.split(separator: "\n").count == 2)
    }
}
