import CivicLedger

extension LedgerWriter.AppendResult {
    /// What an append did, in a line or two a clerk can read; then, when a derived file
    /// could not be updated after the commit, the warning and exit 3.
    func report() throws {
        let existing = existingCount
        if appendedCount > 0 {
            let last = firstSeq + UInt64(appendedCount) - 1
            let range = appendedCount == 1 ? "seq \(firstSeq)" : "seq \(firstSeq)-\(last)"
            Terminal.line("imported \(appendedCount) \(appendedCount == 1 ? "entry" : "entries"), \(range)")
        }
        if existing > 0 {
            Terminal.line("\(existing) \(existing == 1 ? "entry was" : "entries were") already recorded with the same content and \(existing == 1 ? "was" : "were") not written again")
        }
        Terminal.line(note.serialized.trimmingTrailingNewlines())
        try checkDerivedFiles()
    }

    /// Exit 3 when the batch committed but a derived file needs repair.
    func checkDerivedFiles() throws {
        guard !derivedFileProblems.isEmpty else { return }
        throw DerivedFilesNeedRepair(message: "committed at checkpoint size \(checkpoint.size), but derived files need repair: "
            + derivedFileProblems.joined(separator: "; "))
    }
}
