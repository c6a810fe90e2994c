import Foundation
import Testing

/// Golden transcripts: one file per case under Tests/CivicCLITests/Golden, holding the command
/// line, exit code, stdout, stderr (and any file the case names), compared byte for byte.
///
/// Regenerate after an intended change of output with `Scripts/update-golden` (it runs the
/// Golden tests with GOLDEN_UPDATE=1, which rewrites the files and deletes stale ones), then
/// review `git diff Tests/CivicCLITests/Golden`.
enum Golden {
    static var directory: URL { CLI.packageRoot.appendingPathComponent("Tests/CivicCLITests/Golden") }

    static var updating: Bool { ProcessInfo.processInfo.environment["GOLDEN_UPDATE"] == "1" }

    /// The environment of every golden run: a stopped clock and a fixed help width.
    static let environment = ["CIVIC_FIXED_TIME": "2025-10-10T08:00:00Z", "COLUMNS": "80"]

    /// The transcript text of one run. Output that does not end in a newline is marked, as
    /// diff does, so "no output" and "a missing final newline" stay distinguishable.
    static func transcript(_ arguments: [String], stdinName: String?, result: CLI.Result, files: [(String, Data)]) -> String {
        var text = "$ civic " + arguments.map(shellQuoted).joined(separator: " ")
        if let stdinName { text += " < " + shellQuoted(stdinName) }
        text += "\nexit \(result.status)\n"
        text += section("stdout", result.stdout) + section("stderr", result.stderr)
        for (name, data) in files { text += section("file " + name, String(decoding: data, as: UTF8.self)) }
        return text
    }

    private static func section(_ title: String, _ body: String) -> String {
        var text = "--- \(title)\n" + body
        if !body.isEmpty && !body.hasSuffix("\n") { text += "\n\\ no newline at end\n" }
        return text
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "+-_./:=,@%").contains($0) || ($0.isASCII && CharacterSet.alphanumerics.contains($0)) }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Compares `text` with the committed file `name.txt`, or writes it when updating.
    static func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        if updating {
            try Data(text.utf8).write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(name).txt: run Scripts/update-golden", sourceLocation: sourceLocation)
            return
        }
        let got = Data(text.utf8)
        #expect(got == expected, "\(name).txt differs (run Scripts/update-golden and review the diff):\n\(text)",
                sourceLocation: sourceLocation)
    }

    /// Every committed file starting with `prefix` must belong to a case that ran: a stale
    /// transcript fails (and is deleted when updating).
    static func checkNoStale(prefix: String, names: Set<String>) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }
        for file in files where !names.contains(String(file.dropLast(4))) {
            if updating {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(file))
            } else {
                Issue.record("stale golden file \(file): no case writes it (run Scripts/update-golden)")
            }
        }
    }
}
