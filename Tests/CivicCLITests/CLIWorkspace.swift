import Foundation
import Testing

/// A scratch folder with a key and a ledger created through the CLI.
struct CLIWorkspace {
    static let origin = "ledger.example.org/foundation"
    let root: URL
    let ledger: String
    let key: String
    let vkey: String

    init() throws {
        root = try CLI.temporaryDirectory()
        ledger = root.appendingPathComponent("ledger").path
        key = root.appendingPathComponent("ledger.key").path
        let result = try CLI.run(["init", ledger, "--origin", Self.origin, "--org-name", "Example Charity Foundation",
                                  "--uscc", "53100000500021676K", "--org-type", "foundation", "--public-fundraising",
                                  "--key", key])
        try #require(result.status == 0, "init failed: \(result.stderr)")
        vkey = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func file(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Writes generated entries to a file and returns its path.
    /// Entries `skip …< skip + count` of one generated stream: a later file continues an
    /// earlier one with the same prefix (funds are opened once).
    func generated(_ count: Int, prefix: String, name: String, skip: Int = 0) throws -> String {
        let path = file(name)
        try CLI.script("gen-entries", [String(count), "--prefix", prefix, "--skip", String(skip)]).write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ text: String, to name: String) throws -> String {
        let path = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func importFile(_ path: String) throws -> CLI.Result {
        try CLI.run(["import", ledger, path, "--key", key])
    }

    func verify(vkey: String? = nil, extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["verify", ledger, "--vkey", vkey ?? self.vkey] + extra)
    }

    /// Every file under the ledger directory, relative paths, sorted.
    func ledgerFiles() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: ledger)!
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: ledger + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.append(path) }
        }
        return files.sorted()
    }

    /// A snapshot of every file's bytes, to prove that a refused command wrote nothing.
    func snapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try ledgerFiles() { result[path] = try Data(contentsOf: URL(fileURLWithPath: ledger + "/" + path)) }
        return result
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
