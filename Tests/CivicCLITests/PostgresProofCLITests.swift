import Foundation
import Testing

/// Entries, proofs, receipts and publications come out byte for byte the same from a
/// directory ledger and from its `civic copy` in PostgreSQL, and a receipt made from the
/// database verifies offline. Needs the throwaway cluster `Scripts/test` starts
/// (CIVIC_TEST_POSTGRES_URL).
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason)) struct PostgresProofCLITests {
    /// Commands (the ledger goes after the first word) compared by their standard output.
    static let commands: [[String]] = [
        ["show", "p00000006"],
        ["show", "17"],
        ["log", "--from", "250", "--to", "260"],
        ["log", "--kind", "fund"],
        ["prove", "p00000006"],
        ["prove", "0"],
    ]

    @Test func proofsReceiptsAndPublicationMatchTheDirectory() throws {
        let base = try PostgresTestDatabase.baseURL()
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        try #require(try workspace.importFile(try workspace.generated(300, prefix: "p", name: "in.jsonl")).status == 0)
        let url = "\(base)?ledger=proofs-\(UUID().uuidString.prefix(8).lowercased())"
        let copied = try CLI.run(["copy", workspace.ledger, url])
        try #require(copied.status == 0, "copy failed: \(copied.stderr)")
        for command in Self.commands {
            let fromDirectory = try CLI.run([command[0], workspace.ledger] + command.dropFirst() + ["--vkey", workspace.vkey])
            let fromDatabase = try CLI.run([command[0], url] + command.dropFirst() + ["--vkey", workspace.vkey])
            #expect(fromDirectory.status == 0, "\(command): \(fromDirectory.stderr)")
            #expect(fromDatabase.status == 0, "\(command): \(fromDatabase.stderr)")
            #expect(!fromDirectory.stdout.isEmpty && fromDirectory.stdout == fromDatabase.stdout, "\(command) differs between the engines")
        }
        try compareReceipts(workspace, url)
        try comparePublications(workspace, url)
    }

    /// The receipt of the same donation (with its trace) is the same file, and verifies.
    private func compareReceipts(_ workspace: CLIWorkspace, _ url: String) throws {
        var texts: [Data] = []
        for (location, name) in [(workspace.ledger, "dir.receipt"), (url, "pg.receipt")] {
            let made = try CLI.run(["receipt", location, "p00000006", "--out", workspace.file(name), "--trace", "--vkey", workspace.vkey])
            #expect(made.status == 0, "receipt from \(location): \(made.stderr)")
            let checked = try CLI.run(["verify-receipt", workspace.file(name), "--vkey", workspace.vkey])
            #expect(checked.status == 0 && checked.stdout.hasPrefix("ok: "), "verify-receipt: \(checked.stderr)")
            texts.append(try Data(contentsOf: URL(fileURLWithPath: workspace.file(name))))
        }
        #expect(texts[0] == texts[1], "the receipts differ between the engines")
    }

    /// `civic publish` writes the same files with the same bytes from either engine.
    private func comparePublications(_ workspace: CLIWorkspace, _ url: String) throws {
        var trees: [[String: Data]] = []
        for (location, name) in [(workspace.ledger, "dir-tiles"), (url, "pg-tiles")] {
            let published = try CLI.run(["publish", location, workspace.file(name)])
            #expect(published.status == 0, "publish from \(location): \(published.stderr)")
            trees.append(try Self.files(under: workspace.file(name)))
        }
        #expect(trees[0].keys.contains("checkpoint") && trees[0].keys.contains("tile/entries/000"))
        #expect(trees[0] == trees[1], "the publications differ between the engines")
    }

    static func files(under root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)) }
        }
        return files
    }
}
