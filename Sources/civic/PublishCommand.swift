import ArgumentParser
import CivicLedger

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish the ledger as C2SP tlog-tiles: checkpoint, hash tiles and entry bundles.",
        discussion: """
        Writes only new or changed files; a full tile already published is compared and never \
        rewritten. The checkpoint is written last. Serve OUTDIR as static files.
        """)

    @OptionGroup var options: ReaderOptions

    @Argument(help: "The publication directory (created if missing).")
    var outputDirectory: String

    @Option(help: "Publish the kept checkpoint of this size instead of the newest.")
    var size: UInt64?

    func run() throws {
        let reader = try LedgerReader(directory: try LedgerLocation.requireDirectory(options.directory))
        if let vkey = options.vkey {
            let verifier = try TrustAnchor.verifier(vkey)
            if let size {
                _ = try reader.checkpoint(size: size, verifiers: [verifier])
            } else {
                _ = try reader.latestCheckpoint(verifiers: [verifier])
            }
        }
        let report = try TilePublisher.publish(reader: reader, to: outputDirectory, size: size)
        for path in report.written { Terminal.line("wrote \(path)") }
        Terminal.line("published size \(report.size) root \(report.root.base64) to \(outputDirectory): "
                      + "\(report.written.count) files written, \(report.skipped) unchanged")
    }
}
