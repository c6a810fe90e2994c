import CivicAudit
import CivicLedger

/// What building an entry for `civic add` reads from the ledger, whichever engine holds it.
protocol RecordingSession {
    var book: Book { get }
    func ledgerCurrency() throws -> String
    func recordedEntry(id: String) throws -> Entry?
}

extension WriteSession: RecordingSession {
    func recordedEntry(id: String) throws -> Entry? {
        try writer.recordedEntry(id: id)
    }
}

extension StoreWriteSession: RecordingSession {}

extension AddOptions {
    /// `record` for a ledger in PostgreSQL.
    func recordInDatabase(kind: String, defaultID: String?, build: (any RecordingSession, inout [String: JSONValue]) throws -> Void) throws {
        let signer = try KeyFile.load(writer.key)
        var session = try StoreWriteSession(store: try LedgerLocation.openStore(writer.directory), signer: signer,
                                            ruleSet: try ruleOptions.load())
        var fields = try commonFields(kind: kind, defaultID: defaultID)
        try build(session, &fields)
        let body = try EntryBody(writerJSON: .object(fields))
        let (result, problems) = try session.append([body])
        if result.appendedCount == 0 {
            Terminal.line("\(kind) \(body.id) was already recorded at seq \(result.seqs[0]) with the same content; nothing written")
        } else {
            Terminal.line("recorded \(kind) \(body.id) at seq \(result.seqs[0])")
        }
        let note = try result.checkpoint ?? session.store.newestCheckpoint(verifiers: [signer.verifier]).note
        Terminal.line(note.serialized.trimmingTrailingNewlines())
        try DatabaseImport.checkProblems(problems, size: result.size)
    }
}
