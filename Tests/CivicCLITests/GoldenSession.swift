import Foundation
import Testing

/// A scratch folder where golden cases run with relative paths (so transcripts name no
/// temporary directory), the committed test keys and the fixed clock.
final class GoldenSession {
    static let origin = "ledger.example.org/foundation"
    let root: URL
    let prefix: String
    private(set) var names = Set<String>()

    /// Copies the committed test keys in with mode 0600 (git keeps only 0644).
    init(prefix: String) throws {
        self.prefix = prefix
        root = try CLI.temporaryDirectory()
        for key in ["ledger.key", "ledger.vkey", "witness.key", "witness.vkey"] {
            let target = root.appendingPathComponent(key)
            try FileManager.default.copyItem(at: Golden.directory.appendingPathComponent("keys/" + key), to: target)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        }
    }

    func path(_ name: String) -> URL { root.appendingPathComponent(name) }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: path(name))
    }

    /// Runs one case, checks its transcript against `<prefix><name>.txt` and returns the result.
    /// `files` are files the command writes, shown in the transcript after its output.
    @discardableResult
    func run(_ name: String, _ arguments: [String], stdin: String? = nil, files: [String] = [],
             environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let input = try stdin.map { try Data(contentsOf: path($0)) }
        let result = try CLI.run(arguments, stdin: input, directory: root,
                                 environment: Golden.environment.merging(environment) { _, new in new })
        let written = try files.map { ($0, try Data(contentsOf: path($0))) }
        var text = Golden.transcript(arguments, stdinName: stdin, result: result, files: written)
        if !environment.isEmpty {
            text = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Golden.shellQuoted($0.value)) " }.joined() + text
        }
        let caseName = prefix + name
        #expect(!names.contains(caseName), "two golden cases named \(caseName)", sourceLocation: sourceLocation)
        names.insert(caseName)
        try Golden.check(caseName, text, sourceLocation: sourceLocation)
        return result
    }

    func finish() throws {
        try Golden.checkNoStale(prefix: prefix, names: names)
        try? FileManager.default.removeItem(at: root)
    }
}
