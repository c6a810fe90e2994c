import ArgumentParser
import CivicExport
import CivicLedger

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish the ledger as C2SP tlog-tiles: checkpoint, hash tiles and entry bundles.",
        discussion: """
        Writes only new or changed files; a full tile already published is compared and never \
        rewritten. The checkpoint is written last. Serve OUTDIR as static files. Also writes \
        OUTDIR/index.html, the donor page: it checks a receipt in any browser, offline, under \
        the verifier key it pins (--vkey, or else the genesis key, which must have signed the \
        published checkpoint) and the --witness keys it lists.
        """)

    @OptionGroup var options: ReaderOptions

    @Argument(help: "The publication directory (created if missing).")
    var outputDirectory: String

    @Option(help: "Publish the kept checkpoint of this size instead of the newest.")
    var size: UInt64?

    @Option(help: "A witness's cosignature verifier key (or a file holding it) the donor page checks; repeat for several.")
    var witness: [String] = []

    func run() throws {
        let reader = try LedgerLocation.openLog(options.directory)
        let verifier = try pinnedVerifier(reader)
        let witnesses = try witness.map(TrustAnchor.cosignatureVerifier)
        let page = Array(DonorPage.html(verifier: verifier, witnesses: witnesses).utf8)
        // stride 1: the publisher reports once a bundle (256 entries), not once an entry.
        let meter = ProgressMeter(label: "publish", total: size ?? reader.size, stride: 1)
        let report = try TilePublisher.publish(reader: reader, to: outputDirectory, size: size,
                                               pages: [(DonorPage.fileName, page)],
                                               progress: meter.map { meter in meter.update })
        meter?.finish()
        for path in report.written { Terminal.line("wrote \(path)") }
        Terminal.line("published size \(report.size) root \(report.root.base64) to \(outputDirectory): "
                      + "\(report.written.count) files written, \(report.skipped) unchanged")
    }

    /// The key the donor page pins, checked to have signed the checkpoint being published:
    /// the caller's `--vkey`, or else the key the genesis entry names.
    private func pinnedVerifier(_ reader: any ProofLog) throws -> NoteVerifier {
        let treeSize = size ?? reader.size
        let verifier: NoteVerifier
        if let vkey = options.vkey {
            verifier = try TrustAnchor.verifier(vkey)
        } else {
            guard case .genesis(let genesis) = try Entry.decode(try reader.entryBytes(seq: 0)).body.payload else {
                throw LedgerError(.corrupt, "\(options.directory): entry 0 is not a genesis")
            }
            verifier = try NoteVerifier(vkey: genesis.vkey)
            do {
                _ = try reader.checkpoint(size: treeSize, verifiers: [verifier])
            } catch let error as LedgerError where error.integrity == .signature {
                throw LedgerError(.usage, "the checkpoint at size \(treeSize) is not signed by the genesis key (was the key rotated?): "
                                  + "give --vkey with the key that signs it, for the donor page to pin")
            }
            return verifier
        }
        _ = try reader.checkpoint(size: treeSize, verifiers: [verifier])
        return verifier
    }
}
