import ArgumentParser
import CivicLedger

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a ledger between a directory and PostgreSQL (either way): the same entries, tree and checkpoints.",
        discussion: """
        SOURCE and DESTINATION are each a directory or postgresql://USER@HOST:PORT/DB?ledger=NAME. \
        The destination must be new: an absent or empty directory, or a ledger name the database \
        does not hold. Entries are copied byte for byte, each kept checkpoint with all its \
        cosignatures; nothing is re-signed, so the copy verifies under the source's verifier key. \
        Every checkpoint's root is checked against the entries before they are written. On any \
        failure the destination is removed again. Write tokens (civic token) are secrets of one \
        deployment and are not copied in either direction: the copy says how many the source has; \
        issue new ones on the destination with civic token add.
        """)

    @Argument(help: "The ledger to copy (directory or PostgreSQL URL).")
    var source: String

    @Argument(help: "The new ledger (directory or PostgreSQL URL).")
    var destination: String

    func run() throws {
        let from = try LedgerLocation.openStore(source)
        // Read before anything is written, so a source whose tokens cannot be read is refused whole.
        let tokenCount = try LedgerLocation.openTokens(source).digests().count
        let (to, remove) = try LedgerLocation.createStore(destination)
        LedgerLocation.noteMigration(to)
        let report: StoreCopy.Report
        do {
            let meter = ProgressMeter(label: "copy", total: try from.checkpointSizes().last)
            defer { meter?.finish() }
            report = try StoreCopy.copy(from: from, to: try to.openWriter(), progress: meter.map { meter in meter.update })
        } catch {
            let reason = (error as? LedgerError)?.message ?? String(describing: error)
            do { try remove() } catch let removal {
                throw LedgerError(.io, "\(reason); the partial copy at \(to.location) could not be removed (\(removal)); remove it by hand")
            }
            throw LedgerError((error as? LedgerError)?.code ?? .io, "\(reason); the partial copy at \(to.location) was removed")
        }
        Terminal.line("copied \(report.entryCount) entries and \(report.checkpointCount) checkpoints from \(from.location) to \(to.location)")
        if tokenCount > 0 {
            Terminal.note("write tokens are not copied: \(tokenCount); issue new ones with civic token add \(ShellQuote.word(to.location)) --name WRITER (civic token list names the source's writers)")
        }
    }
}
