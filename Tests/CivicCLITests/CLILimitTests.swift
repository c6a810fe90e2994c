import Foundation
import Testing

/// Hostile sizes and broken outputs at the command line: each ends with one plain line on
/// standard error and the documented exit code, never a trap or a false success.
@Suite struct CLILimitTests {
    /// Runs `script` with /bin/sh (for pipes and redirections), `$CIVIC` naming the binary.
    static func shell(_ script: String) throws -> CLI.Result {
        try CLI.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", "CIVIC='\(CLI.binary.path)'; " + script])
    }

    @Test func endlessStandardInputIsRefusedAtItsFirstBadLine() throws {
        let workspace = try CLIWorkspace()
        let result = try Self.shell("yes | \"$CIVIC\" import '\(workspace.ledger)' - --key '\(workspace.key)'")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("-:1: byte 0: unexpected"), "\(result.stderr)")
        #expect(result.stderr.contains("bad lines in all; nothing was written)"), "\(result.stderr)")
        #expect(try workspace.verify().status == 0)
    }

    @Test func aFullDiskOnStandardOutputIsExitTwo() throws {
        let workspace = try CLIWorkspace()
        let result = try Self.shell("\"$CIVIC\" log '\(workspace.ledger)' > /dev/full")
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write to standard output: no space left"), "\(result.stderr)")
    }

    @Test func aClosedPipeEndsQuietlyWithExitTwo() throws {
        let workspace = try CLIWorkspace()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["log", workspace.ledger]
        let out = Pipe()
        let err = Pipe()
        try out.fileHandleForReading.close()  // the reader is gone before the first write
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(errText.isEmpty, "\(errText)")
    }

    /// A 1 GiB sparse file (no disk used) as each small whole-file argument: refused by its
    /// size. (An import file may be up to 2 GiB, the import memory limit.)
    @Test func hugeInputFilesAreRefusedBeforeTheyAreRead() throws {
        let workspace = try CLIWorkspace()
        let huge = workspace.file("huge")
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 1 << 30) == 0)
        let commands: [[String]] = [
            ["verify", workspace.ledger, "--vkey", workspace.vkey, "--checkpoint", huge],
            ["verify", workspace.ledger, "--vkey", huge],
            ["verify-receipt", huge, "--vkey", workspace.vkey],
            ["audit", workspace.ledger, "--vkey", workspace.vkey, "--rules", huge],
        ]
        for arguments in commands {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("huge: 1073741824 bytes is over the"), "\(arguments): \(result.stderr)")
        }
    }

    /// A directory, a missing file and an empty file as file arguments: plain words.
    @Test func directoriesAndMissingFilesAreNamedPlainly() throws {
        let workspace = try CLIWorkspace()
        let directory = workspace.root.path
        let missing = workspace.file("missing")
        let cases: [([String], String)] = [
            (["verify", workspace.ledger, "--vkey", directory], "is a directory"),
            (["verify", workspace.ledger, "--vkey", workspace.vkey, "--checkpoint", directory], "is a directory"),
            (["import", workspace.ledger, directory, "--key", workspace.key], "is a directory"),
            (["import", workspace.ledger, workspace.file("x.jsonl"), "--key", directory], "is a directory, not a key file"),
            (["verify", workspace.ledger, "--vkey", workspace.vkey, "--checkpoint", missing], "no such file or directory"),
            (["import", workspace.ledger, missing, "--key", workspace.key], "no such file or directory"),
        ]
        for (arguments, words) in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("too large"), "\(result.stderr)")
        }
    }
}
