import ArgumentParser
import CivicLedger

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Manage signing keys.", subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an Ed25519 signing key (mode 0600) and print its verifier key.")

        @Option(help: "Key name: a ledger's key is named after its origin, e.g. example.org/ledger.")
        var name: String

        @Option(help: "Private key file to create; an existing file is never overwritten.")
        var out: String

        func run() throws {
            let signer = try NoteSigner.generate(name: name)
            try KeyFile.create(signer, at: out)
            Terminal.line(signer.verifier.vkey)
        }
    }
}
