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
        abstract: "Check offline that the newer checkpoint of a consistency proof extends the older one.")

    @Argument(help: "The file civic consistency wrote.")
    var proof: String

    @Option(help: "Trusted verifier key of the ledger (or a file holding it).")
    var vkey: String

    func run() throws {
        let verifier = try TrustAnchor.verifier(vkey)
        let parsed = try ConsistencyProofFile.parse(try OutputFile.readText(proof, limit: SignedNote.byteCountMax * 3), name: proof)
        let (older, newer) = try parsed.verify(verifiers: [verifier])
        Terminal.line("ok: \(newer.origin) at tree size \(newer.size) extends tree size \(older.size)")
    }
}
