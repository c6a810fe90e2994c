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

    /// `civic ARGS` with standard error on a pty and standard output into `file`: what the
    /// terminal received (the progress lines only) and the bytes written to standard output.
    static func onTerminal(_ arguments: [String], stdoutTo file: String) throws -> (terminal: CLI.Result, stdout: Data) {
        let command = ([CLI.binary.path] + arguments).map(ProgressCLITests.quoted).joined(separator: " ") + " >" + quoted(file)
        let terminal = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                                   environment: ["TERM": "xterm"])
        return (terminal, try Data(contentsOf: URL(fileURLWithPath: file)))
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

    /// Every export, trace and copy (their passes all stream through CheckpointEntries, the
    /// verifier or the store copy, which report progress) draws its line on a terminal, with
    /// the total counting every pass; piped, standard error is empty; and standard output is
    /// the same bytes either way.
    @Test func exportsTraceAndCopyShowProgressOnATerminalOnly() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.importFile(try workspace.generated(3_000, prefix: "p", name: "p.jsonl")).status == 0)
        let ledger = workspace.ledger, vkey = workspace.vkey
        let commands: [(label: String, total: String, arguments: [String])] = [
            ("ratios", "/3,001 entries", ["export", "ratios", ledger, "--vkey", vkey]),
            ("ratios of 1 ledgers", " entries, ", ["export", "ratios", "--ledger", ledger, "--vkey", vkey]),
            ("report (4 passes)", "/12,004 entries", ["export", "report", ledger, "--vkey", vkey, "--year", "2025"]),
            ("360giving", "/3,001 entries", ["export", "360giving", ledger, "--vkey", vkey, "--year", "2025"]),
            ("trace (2 passes)", "/6,002 entries", ["trace", ledger, "p00000006", "--vkey", vkey]),
            ("copy", "/3,001 entries", ["copy", ledger, workspace.file("copy-terminal")]),
        ]
        for (label, total, arguments) in commands {
            let shown = try Self.onTerminal(arguments, stdoutTo: workspace.file("\(label.prefix(4)).out"))
            let text = shown.terminal.stdout
            #expect(shown.terminal.status == 0 && text.contains(Self.clear + "\(label): ") && text.contains(total),
                    "\(label): \(text.prefix(300).debugDescription)")
            #expect(text.hasSuffix(Self.clear), "\(label): the last line is cleared: \(text.suffix(100).debugDescription)")
            var piped = arguments
            if arguments[0] == "copy" { piped[2] = workspace.file("copy-piped") }
            let plain = try CLI.run(piped)
            #expect(plain.status == 0 && plain.stderr.isEmpty && !plain.stdout.contains("\u{1B}"), "\(label): \(plain.stderr)")
            let expected = arguments[0] == "copy" ? plain.stdout.replacingOccurrences(of: "copy-piped", with: "copy-terminal") : plain.stdout
            #expect(shown.stdout == Data(expected.utf8), "\(label): standard output differs on a terminal")
        }
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
