import CivicLedger

extension LedgerWriter.AppendResult {
    /// What an append did, in a line or two a clerk can read.
    func report() {
        let existing = seqs.count - appendedCount
        if appendedCount > 0 {
            let last = firstSeq + UInt64(appendedCount) - 1
            let range = appendedCount == 1 ? "seq \(firstSeq)" : "seq \(firstSeq)-\(last)"
            Terminal.line("imported \(appendedCount) entries, \(range)")
        }
        if existing > 0 {
            Terminal.line("\(existing) entries were already recorded with the same content and were not written again")
        }
        Terminal.line(note.serialized.trimmingTrailingNewlines())
    }
}
