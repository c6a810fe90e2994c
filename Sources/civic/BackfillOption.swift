import ArgumentParser
import CivicLedger

/// `civic import --backfill-until DATE`: the batch is declared, in the log, the backfill of
/// books kept elsewhere until DATE (Ledger/SPEC.md, "Backfill declarations").
struct BackfillOption: ParsableArguments {
    @Option(help: ArgumentHelp("Declare this batch the backfill of books kept elsewhere until this date (YYYY-MM-DD).",
                               discussion: "A signed backfill entry is written first in the batch; the audit then reports one info finding for the batch's donations dated up to DATE instead of a late-publication warning for each.",
                               valueName: "date"))
    var backfillUntil: String?

    /// The declaration to write first in a batch starting at `batchStart`, or nil.
    func declaration(batchStart: UInt64) throws -> EntryBody? {
        guard let text = backfillUntil else { return nil }
        guard let until = CivilDate(text) else {
            throw LedgerError(.usage, "--backfill-until: \"\(text.prefix(40))\" is not a date YYYY-MM-DD")
        }
        if let problem = until.writableProblem { throw LedgerError(.usage, "--backfill-until: \(problem)") }
        return EntryBody.backfillDeclaration(until: until, batchStart: batchStart)
    }

    /// The line of a report when every entry of the file was already recorded, so the
    /// declaration (which would cover nothing) was not written either.
    static func nothingNewLine(existing: Int) -> String {
        "\(existing) \(existing == 1 ? "entry was" : "entries were") already recorded with the same content; "
            + "nothing was written, the backfill declaration included (it would cover no new entry)"
    }
}
