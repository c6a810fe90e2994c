import Foundation
import Testing

/// The progress line is drawn on a real terminal (a pty made by util-linux `script`, from
/// Debian's essential bsdutils) and cleared at the end; with standard error a pipe, as under
/// any test runner or log, not one byte of it appears.
@Suite(.serialized) struct ProgressCLITests {
    static let clear = "\r\u{1B}[K"

    /// `civic ARGS` on a pty: what the terminal received (standard output and error together).
    static func onTerminal(_ arguments: [String]) throws -> CLI.Result {
        let command = ([CLI.binary.path] + arguments).map(ProgressCLITests.quoted).joined(separator: " ")
        return try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                           environment: ["TERM": "xterm"])
    }

    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @Test func longWorkShowsProgressOnATerminalOnly() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let file = try workspace.generated(3_000, prefix: "p", name: "p.jsonl")
        let imported = try Self.onTerminal(["import", workspace.ledger, file, "--key", workspace.key])
        #expect(imported.status == 0 && imported.stdout.contains(Self.clear + "import: 3,000 entries"), "\(imported.stdout.debugDescription)")
        for command in [["verify", workspace.ledger, "--vkey", workspace.vkey], ["audit", workspace.ledger, "--vkey", workspace.vkey],
                        ["export", "summary", workspace.ledger, "--vkey", workspace.vkey, "--by", "kind"],
                        ["publish", workspace.ledger, workspace.root.appendingPathComponent("published").path, "--vkey", workspace.vkey]] {
            let shown = try Self.onTerminal(command)
            let label = command[0] == "export" ? "summary" : command[0]
            #expect(shown.status == 0 && shown.stdout.contains(Self.clear + "\(label): "), "\(command[0]): \(shown.stdout.prefix(300).debugDescription)")
            #expect(shown.stdout.contains("/3,001 entries"), "\(command[0])")
            // The last line drawn is cleared before the command's own output.
            let last = try #require(shown.stdout.range(of: "\u{1B}[K", options: .backwards))
            #expect(!shown.stdout[last.upperBound...].contains("/3,001 entries"), "\(command[0])")
            let piped = try CLI.run(command)
            #expect(piped.status == 0 && piped.stderr.isEmpty && !piped.stdout.contains("\u{1B}"), "\(command[0]): \(piped.stderr)")
        }
        let dumb = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/script"),
                               ["-qec", Self.quoted(CLI.binary.path) + " verify " + Self.quoted(workspace.ledger) + " --vkey " + Self.quoted(workspace.vkey), "/dev/null"],
                               environment: ["TERM": "dumb"])
        #expect(dumb.status == 0 && !dumb.stdout.contains("\u{1B}"), "\(dumb.stdout)")
    }

    /// `civic --generate-completion-script bash` (README) is a script bash accepts, and it
    /// offers the options this change added.
    @Test func theBashCompletionScriptParses() throws {
        let script = try CLI.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0 && script.stdout.contains("--backfill-until") && script.stdout.contains("--ledgers"))
        let path = try CLI.temporaryDirectory().appendingPathComponent("civic.bash")
        defer { try? FileManager.default.removeItem(at: path.deletingLastPathComponent()) }
        try Data(script.stdout.utf8).write(to: path)
        let parsed = try CLI.run(executable: URL(fileURLWithPath: "/bin/bash"), ["-n", path.path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
    }
}
