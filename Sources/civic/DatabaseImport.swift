import CivicAudit
import CivicLedger

/// `civic import` into a PostgreSQL ledger: the file is read whole (at most
/// `byteCountMax`) and appended as one batch, one transaction, one checkpoint.
struct DatabaseImport {
    static let byteCountMax = 1 << 28
    let file: String
    let format: ImportFormat

    func run(location: String, signer: NoteSigner, ruleSet: RuleSet) throws {
        let bytes = try InputFile.read(file, limit: DatabaseImport.byteCountMax)
        let bodies: [EntryBody]
        var lines: [Int] = []
        if format == .csv {
            (bodies, lines) = try CSVInput.parse(bytes, name: file)
        } else {
            // Errors name the entry by its position (blank lines are not entries).
            bodies = try JSONLinesInput.parse(bytes, name: file)
        }
        guard !bodies.isEmpty else { throw LedgerError(.usage, "\(file): no entries to import") }
        var session = try StoreWriteSession(store: try LedgerLocation.openStore(location), signer: signer, ruleSet: ruleSet)
        let result: StoreAppender.Result
        let problems: [String]
        do {
            (result, problems) = try session.append(bodies)
        } catch let error as LedgerError where error.entryIndex != nil && error.entryIndex! < lines.count {
            throw LedgerError(error.code, "\(file):\(lines[error.entryIndex!]): \(error.message)")
        }
        let existing = bodies.count - result.appendedCount
        if result.appendedCount > 0 {
            let first = result.size - UInt64(result.appendedCount)
            let range = result.appendedCount == 1 ? "seq \(first)" : "seq \(first)-\(result.size - 1)"
            Terminal.line("imported \(result.appendedCount) \(result.appendedCount == 1 ? "entry" : "entries"), \(range)")
        }
        if existing > 0 {
            Terminal.line("\(existing) \(existing == 1 ? "entry was" : "entries were") already recorded with the same content and \(existing == 1 ? "was" : "were") not written again")
        }
        let note = try result.checkpoint ?? session.store.newestCheckpoint(verifiers: [signer.verifier]).note
        Terminal.line(note.serialized.trimmingTrailingNewlines())
        try DatabaseImport.checkProblems(problems, size: result.size)
    }

    /// Exit 3 when the batch committed but the saved book could not be updated.
    static func checkProblems(_ problems: [String], size: UInt64) throws {
        guard !problems.isEmpty else { return }
        throw DerivedFilesNeedRepair(message: "committed at checkpoint size \(size), but derived state needs repair: " + problems.joined(separator: "; "))
    }
}
