import ArgumentParser
import CivicLedger

struct ConsistencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Print the RFC 9162 consistency proof between two kept checkpoints, with both checkpoints.",
        discussion: "Check it offline with civic verify-consistency.")

    @OptionGroup var options: ReaderOptions

    @Option(help: "Tree size of the older kept checkpoint.")
    var from: UInt64

    @Option(help: "Tree size of the newer kept checkpoint (default: the newest).")
    var to: UInt64?

    @Option(help: "Write the proof to this file instead of standard output.")
    var out: String?

    @OptionGroup var output: ForceOption

    func run() throws {
        let proof = try ConsistencyProofFile.make(reader: try options.openLog(), from: from, to: to)
        try OutputFile.write(proof.text, to: out, force: output.force)
    }
}

struct VerifyConsistencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-consistency",
        abstract: "Check offline that the newer checkpoint of a consistency proof extends the older one.",
        discussion: """
        --vkey is the ledger's first key. After a key rotation, give the key chain proof of the newer \
        checkpoint's tree with --keys (GET /ledgers/NAME/key-chain?size=N of civic serve) or read it from \
        the ledger with --ledger: the key entries are followed from --vkey, each proven in the newer tree, \
        and each checkpoint must be signed by the key in force at its size, so a retired key signing after \
        its rotation fails. Exit 1 when the proof does not verify.
        """)

    @Argument(help: "The file civic consistency wrote.")
    var proof: String

    @Option(help: "Trusted verifier key of the ledger's first key (or a file holding it).")
    var vkey: String

    @Option(help: "The key chain proof (civicledger.keys/v1) of the newer checkpoint's tree, to follow key rotations; '-' for standard input.")
    var keys: String?

    @Option(help: "A ledger directory to read the key chain proof from instead of --keys.")
    var ledger: String?

    func validate() throws {
        if keys != nil && ledger != nil { throw ValidationError("give --keys or --ledger, not both") }
        if proof == "-" && keys == "-" { throw ValidationError("the proof and --keys cannot both be read from standard input") }
    }

    func run() throws {
        let verifier = try TrustAnchor.verifier(vkey)
        let parsed = try ConsistencyProofFile.parse(try OutputFile.readText(proof, limit: SignedNote.byteCountMax * 3), name: proof)
        var chain = try keys.map(KeyChainInput.file)
        // A newer text that is no checkpoint has no tree to read a chain for: verify names it.
        if let ledger, let newer = try? Checkpoint(text: parsed.newer.text) {
            chain = try KeyChainInput.ledger(ledger, size: newer.size)
        }
        let (older, newer) = try parsed.verify(pinned: verifier, keys: chain)
        Terminal.line("ok: \(newer.origin) at tree size \(newer.size) extends tree size \(older.size)")
    }
}
