import ArgumentParser
import CivicLedger

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the whole ledger against a trusted verifier key; exit 1 on any tampering.",
        discussion: """
        Streams every entry: canonical form and schema, the seq and prev chain, the index, the stored \
        tree hashes, the root at every kept checkpoint and every checkpoint's signature. The trust \
        anchor is --vkey, never a key read from the ledger directory. With --checkpoint, also proves \
        that the ledger extends a checkpoint saved earlier.
        """)

    @Argument(help: "The ledger directory.")
    var directory: String

    @Option(help: "Trusted verifier key (name+id+key), or a file holding it.")
    var vkey: String

    @Option(help: "A signed checkpoint saved earlier, which the ledger must extend.")
    var checkpoint: String?

    func run() throws {
        let verifier = try TrustAnchor.verifier(vkey)
        let held = try checkpoint.map { path -> SignedNote in
            let bytes = try InputFile.read(path, limit: SignedNote.byteCountMax)
            do { return try SignedNote.parse(bytes) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(path): \(error.message)")
            }
        }
        let report = try LedgerVerifier(directory: directory, verifiers: [verifier]).verify(heldCheckpoint: held)
        Terminal.line("ok: \(report.origin): \(report.size) entries, root \(report.root.base64), \(report.checkpointCount) checkpoints verified")
        if let size = report.heldCheckpointSize {
            Terminal.line("ok: the ledger extends the held checkpoint at size \(size)")
        }
        if report.tailByteCount > 0 {
            Terminal.line("note: \(report.tailByteCount) bytes past the newest checkpoint were never acknowledged (an interrupted write); the next write removes them")
        }
    }
}
