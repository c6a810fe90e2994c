import ArgumentParser
import CivicLedger

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage the bearer tokens that may write to a ledger through civic serve.",
        discussion: "Only each token's SHA-256 is stored: under DIR/private/tokens/ (mode 0600), or for a PostgreSQL ledger in its civic_tokens table, which every civic serve node of it reads. A token writes to its one ledger only.",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token for a writer and print it once; it cannot be shown again.")

        @Argument(help: "The ledger: a directory or a postgresql:// URL.")
        var directory: String

        @Option(help: "The writer's name (1-64 of A-Z a-z 0-9 . _ -).")
        var name: String

        func run() throws {
            Terminal.line(try LedgerLocation.openTokens(directory).add(writer: name))
            Terminal.note("token for writer \(name) made; store it now: only its SHA-256 is kept")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the writers that have a token, with the first 8 hex digits of its SHA-256.")

        @Argument(help: "The ledger: a directory or a postgresql:// URL.")
        var directory: String

        func run() throws {
            for (writer, digest) in try LedgerLocation.openTokens(directory).digests() {
                Terminal.line("\(writer) sha256:\(digest.hex.prefix(8))")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a writer's token; its requests are refused (401) from then on.")

        @Argument(help: "The ledger: a directory or a postgresql:// URL.")
        var directory: String

        @Option(help: "The writer whose token is removed.")
        var name: String

        func run() throws {
            try LedgerLocation.openTokens(directory).revoke(writer: name)
            Terminal.line("token of writer \(name) revoked")
        }
    }
}
