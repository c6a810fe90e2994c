import ArgumentParser
import CivicLedger

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Manage signing keys.", subcommands: [Generate.self, Rotate.self])

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

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rotate the ledger's signing key: append a key entry signed by the old and the new key.",
            discussion: """
            The key entry is signed by the key in force (--key) and by the new key (--new-key), and the \
            checkpoint that covers it, like every later one, is signed by the new key. From then on add, \
            import and serve refuse the old key. Verifiers keep pinning the ledger's first key and follow \
            the key entries. Generate the new key first with civic key generate --name ORIGIN.
            """)

        @Argument(help: "The ledger directory, or postgresql://USER@HOST:PORT/DB?ledger=NAME.")
        var directory: String

        @Option(help: "The ledger's current private key file (mode 0600).")
        var key: String

        @Option(name: .customLong("new-key"), help: "The new private key file (mode 0600), named after the ledger's origin.")
        var newKey: String

        @Option(help: "Entry id; default: key-<the new key's id>.")
        var id: String?

        @Option(help: "Value date, YYYY-MM-DD; default: today (UTC).")
        var date: String?

        @Option(help: "A note (at most 500 characters).")
        var memo: String?

        func run() throws {
            let signer = try KeyFile.load(key)
            let newSigner = try KeyFile.load(newKey)
            let valueDate = try date.map { text -> CivilDate in
                guard let parsed = CivilDate(text) else {
                    throw LedgerError(.usage, "--date \(CivilDate.problem(text) ?? "is not a date YYYY-MM-DD")")
                }
                return parsed
            } ?? CivilDate.today()
            let entryID = id ?? "key-" + KeyChain.label(newSigner.verifier).split(separator: "+").last!
            if LedgerLocation.isDatabase(directory) {
                // The key entry and its checkpoint commit in one transaction under the ledger's row lock.
                let store = try LedgerLocation.openStore(directory)
                _ = try store.newestCheckpoint(signedBy: signer)
                let result = try StoreAppender(writer: try store.openWriter(), signer: signer)
                    .rotateKey(in: store, to: newSigner, id: entryID, date: valueDate.text, memo: memo)
                Rotate.report(seq: result.seqs[0], old: signer, new: newSigner, note: result.checkpoint!)
                return
            }
            let writer = try LedgerWriter.open(directory: directory, signer: signer)
            let result = try writer.rotateKey(to: newSigner, id: entryID, date: valueDate.text, memo: memo)
            Rotate.report(seq: result.firstSeq, old: signer, new: newSigner, note: result.note)
            try result.checkDerivedFiles()
        }

        /// The same two lines from either engine.
        static func report(seq: UInt64, old: NoteSigner, new: NoteSigner, note: SignedNote) {
            Terminal.line("rotated the signing key at seq \(seq): \(KeyChain.label(old.verifier)) retired, \(KeyChain.label(new.verifier)) in force")
            Terminal.line(note.serialized.trimmingTrailingNewlines())
        }
    }
}
