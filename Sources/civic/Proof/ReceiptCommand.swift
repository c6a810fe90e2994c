import ArgumentParser
import CivicExport
import CivicLedger

struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Write a donor's receipt: the entry, its proof and the signed checkpoint, in one file.",
        discussion: "The donor checks it offline with civic verify-receipt and the ledger's verifier key.")

    @OptionGroup var options: ReaderOptions

    @Argument(help: "The donation (or contribution): a seq, or an entry id.")
    var entry: String

    @Option(help: "The receipt file to write.")
    var out: String

    @OptionGroup var output: ForceOption

    @Option(help: "Tree size of the kept checkpoint to prove against (default: the newest).")
    var size: UInt64?

    @Flag(help: "Also put the donation's trace (civic trace) at the same checkpoint in the receipt; needs --vkey.")
    var trace = false

    func validate() throws {
        if trace && options.vkey == nil { throw ValidationError("--trace needs --vkey: a trace is computed at a verified checkpoint") }
    }

    func run() throws {
        let reader = try options.openLog()
        let seq = try reader.seq(seqOrID: entry)
        let donationTrace = try options.vkey.flatMap { vkey -> DonationTrace? in
            guard trace else { return nil }
            let bound = try ExportCheckpoint(reader: reader, size: size ?? reader.size, verifiers: [try TrustAnchor.verifier(vkey)])
            return try TraceExport.trace(reader: reader, seq: seq, at: bound)
        }
        let receipt = try DonorReceipt.make(reader: reader, seq: seq, size: size, trace: donationTrace)
        try OutputFile.write(receipt.text, to: out, force: output.force)
        Terminal.line("wrote \(out): " + receipt.gist.filter { ["entry", "amount"].contains($0.0) }.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    }
}

struct VerifyReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-receipt",
        abstract: "Check a receipt offline and print what it proves; exit 1 if any byte was changed.")

    @Argument(help: "The receipt file.")
    var receipt: String

    @Option(help: "Trusted verifier key of the ledger (or a file holding it).")
    var vkey: String

    @Option(help: "A witness's cosignature verifier key, or a file holding it; repeat for several.")
    var witness: [String] = []

    @Option(help: "How many listed witnesses must have cosigned the receipt's checkpoint (default: all of them).")
    var quorum: Int?

    func validate() throws {
        if quorum != nil && witness.isEmpty { throw ValidationError("--quorum needs --witness") }
        if let quorum, quorum < 1 || quorum > Set(witness).count {
            throw ValidationError("--quorum must be between 1 and the number of witnesses listed")
        }
    }

    func run() throws {
        let verifier = try TrustAnchor.verifier(vkey)
        let witnesses = try witness.map(TrustAnchor.cosignatureVerifier)
        let parsed = try DonorReceipt.parse(try InputFile.read(receipt, limit: DonorReceipt.byteCountMax), name: receipt)
        try parsed.verify(verifiers: [verifier])
        var cosigners: [String] = []
        if !witnesses.isEmpty {
            do {
                cosigners = try WitnessPolicy.check(note: parsed.proof.checkpoint, witnesses: witnesses,
                                                    quorum: quorum ?? Set(witnesses).count)
            } catch let error as LedgerError {
                throw LedgerError(.invalidProof, "the receipt's checkpoint: \(error.message)")
            }
        }
        Terminal.line("ok: this receipt is proven by the ledger's signed checkpoint"
            + (cosigners.isEmpty ? "" : ", cosigned by " + cosigners.joined(separator: ", ")))
        for (name, value) in parsed.gist { Terminal.line("  \(name): \(value)") }
        if let trace = parsed.trace {
            Terminal.line("trace: well formed and bound to the same checkpoint; it is the ledger's statement, not proven by "
                + "this receipt (anyone with the entries up to the checkpoint re-derives it with civic trace)")
            for line in try trace.text().split(separator: "\n") { Terminal.line("  " + line) }
        }
    }
}
