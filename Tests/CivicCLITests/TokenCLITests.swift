import Foundation
import Testing

@Suite struct TokenCLITests {
    @Test func addListRevokeKeepOnlyTheDigest() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let added = try CLI.run(["token", "add", workspace.ledger, "--name", "form"])
        #expect(added.status == 0)
        let token = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("civic_") && token.count == 70)
        let file = workspace.ledger + "/private/tokens/form.sha256"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let stored = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!stored.contains(token.dropFirst(6)))
        #expect(stored.count == 65)
        // A second token for the same writer is refused; nothing is overwritten.
        let again = try CLI.run(["token", "add", workspace.ledger, "--name", "form"])
        #expect(again.status == 2)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == stored)
        let list = try CLI.run(["token", "list", workspace.ledger])
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("form sha256:" + stored.prefix(8)))
        #expect(!list.stdout.contains(token.dropFirst(6).prefix(8)))
        #expect(try CLI.run(["token", "add", workspace.ledger, "--name", ".hidden"]).status == 2)
        #expect(try CLI.run(["token", "add", workspace.ledger, "--name", "a/b"]).status == 2)
        #expect(try CLI.run(["token", "revoke", workspace.ledger, "--name", "form"]).status == 0)
        #expect(try CLI.run(["token", "list", workspace.ledger]).stdout.isEmpty)
        #expect(try CLI.run(["token", "revoke", workspace.ledger, "--name", "form"]).status == 2)
    }
}
