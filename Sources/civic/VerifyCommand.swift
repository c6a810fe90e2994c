import ArgumentParser
import CivicLedger

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the whole ledger against a trusted verifier key; exit 1 on any tampering.",
        discussion: """
        Streams every entry: canonical form and schema, the seq and prev chain, the index, the stored \
        tree hashes, the root at every kept checkpoint and every checkpoint's signature. The trust \
        anchor is --vkey, never a key read from the ledger directory.

        Plain verify detects any change made without the signing key, and any deletion, reordering \
        or cut in the middle of the log. It cannot detect what leaves a signed, self-consistent \
        directory: the newest batch cut away together with its checkpoint and derived files, or \
        history rewritten and re-signed with the key. Those need a checkpoint held from before: \
        with --checkpoint, verify also proves that the ledger extends a checkpoint saved earlier \
        (it fails when the ledger is now smaller or different), or witnesses (SECURITY.md).

        With --witness, also reports the newest kept \
        checkpoint cosigned by at least --quorum of the listed witnesses (default: all), and fails when \
        none is, or when a listed witness's cosignature on any kept checkpoint does not verify.
        """)

    @OptionGroup var ledger: TrustedLedgerOptions

    @Option(help: "A signed checkpoint saved earlier, which the ledger must extend.")
    var checkpoint: String?

    @Option(help: "A witness's cosignature verifier key (name+id+base64(0x04 ‖ key)), or a file holding it; repeat for several.")
    var witness: [String] = []

    @Option(help: "How many listed witnesses must have cosigned a checkpoint (default: all of them).")
    var quorum: Int?

    func validate() throws {
        if quorum != nil && witness.isEmpty { throw ValidationError("--quorum needs --witness") }
    }

    func run() throws {
        let verifier = try ledger.verifier()
        let directory = ledger.directory
        let held = try checkpoint.map { path -> SignedNote in
            let bytes = try InputFile.read(path, limit: SignedNote.byteCountMax)
            do { return try SignedNote.parse(bytes) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(path): \(error.message)")
            }
        }
        let witnessCheck = witness.isEmpty ? nil
            : try WitnessCheck(witnesses: witness.map(TrustAnchor.cosignatureVerifier), quorum: quorum)
        if LedgerLocation.isDatabase(directory) {
            guard witnessCheck == nil else {
                throw LedgerError(.usage, "--witness is not yet supported for a PostgreSQL ledger; civic copy it to a directory and verify that")
            }
            let report = try StoreVerifier(store: try LedgerLocation.openStore(directory), verifiers: [verifier]).verify(heldCheckpoint: held)
            Terminal.line("ok: \(report.origin): \(report.size) entries, root \(report.root.base64), \(report.checkpointCount) checkpoints verified")
            if let size = report.heldCheckpointSize { Terminal.line("ok: the ledger extends the held checkpoint at size \(size)") }
            return
        }
        let meter = ProgressMeter(label: "verify", total: try LedgerReader(directory: directory).size)
        let report = try LedgerVerifier(directory: directory, verifiers: [verifier])
            .verify(heldCheckpoint: held, observe: meter.map { meter in { meter.update($0.seq + 1) } })
        meter?.finish()
        let witnessed = try witnessCheck?.run(reader: LedgerReader(directory: directory))
        Terminal.line("ok: \(report.origin): \(report.size) entries, root \(report.root.base64), \(report.checkpointCount) checkpoints verified")
        if let size = report.heldCheckpointSize {
            Terminal.line("ok: the ledger extends the held checkpoint at size \(size)")
        }
        if let witnessCheck, let witnessed {
            Terminal.line("ok: witnessed up to size \(witnessed.size) by \(witnessed.witnesses.joined(separator: ", ")) (\(witnessed.witnesses.count) of \(Set(witnessCheck.witnesses).count), quorum \(witnessCheck.quorum))")
        }
        if report.unlinkedCheckpointCount > 0 {
            Terminal.line("note: \(report.unlinkedCheckpointCount) of the checkpoints predate signed links between checkpoints; a deleted one of them would go unnoticed")
        }
        if report.tailByteCount > 0 {
            Terminal.line("note: \(report.tailByteCount) bytes past the newest checkpoint were never acknowledged (an interrupted write); the next write removes them")
        }
    }
}
