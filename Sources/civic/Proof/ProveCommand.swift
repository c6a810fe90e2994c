import ArgumentParser
import CivicLedger

struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print a C2SP tlog-proof that an entry is in the ledger at a kept checkpoint.",
        discussion: "Reads the O(log n) tree hashes the proof needs, and the log once to find the key entries (rotations) its extra line carries. Check it offline with civic verify-proof.")

    @OptionGroup var options: ReaderOptions

    @Argument(help: "The entry: a seq (digits, no leading zeros) or an entry id.")
    var entry: String

    @Option(help: "Tree size of the kept checkpoint to prove against (default: the newest).")
    var size: UInt64?

    @Option(help: "Write the proof to this file instead of standard output.")
    var out: String?

    @OptionGroup var output: ForceOption

    func run() throws {
        let reader = try options.openLog()
        let proof = try TlogProof.make(reader: reader, seq: try reader.seq(seqOrID: entry), size: size)
        try OutputFile.write(proof.text, to: out, force: output.force)
    }
}

struct VerifyProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check a tlog-proof offline against the entry's bytes and the ledger's verifier key.")

    @Argument(help: "The .tlog-proof file.")
    var proof: String

    @Option(help: "File holding the entry's exact bytes (one line, as civic show prints it).")
    var entry: String

    @Option(help: "Trusted verifier key of the ledger (or a file holding it).")
    var vkey: String

    func run() throws {
        let verifier = try TrustAnchor.verifier(vkey)
        var bytes = try InputFile.read(entry, limit: EntryLimits.entryByteCountMax + 2)
        if bytes.last == 0x0a { bytes.removeLast() }
        let parsed = try TlogProof.parse(try OutputFile.readText(proof, limit: SignedNote.byteCountMax * 2), name: proof)
        let checkpoint = try parsed.verify(leafHash: MerkleHasher().leafHash(bytes), verifiers: [verifier])
        Terminal.line("ok: the entry is at index \(parsed.index) of \(checkpoint.origin), tree size \(checkpoint.size), root \(checkpoint.root.base64)")
    }
}
