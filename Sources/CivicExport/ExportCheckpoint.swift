import CivicLedger

/// The checkpoint an export was computed at: every export names it (origin, size, root)
/// and carries its signed note, so anyone can check the figures against the log.
public struct ExportCheckpoint: Sendable {
    public let checkpoint: Checkpoint
    public let note: SignedNote

    /// The newest checkpoint of the ledger, verified under the trusted key.
    public init(reader: any CheckpointedLog, verifiers: [NoteVerifier]) throws {
        let (checkpoint, note) = try reader.latestCheckpoint(verifiers: verifiers)
        self.checkpoint = checkpoint
        self.note = note
    }

    /// The kept checkpoint of `size`, verified under the trusted key.
    public init(reader: any CheckpointedLog, size: UInt64, verifiers: [NoteVerifier]) throws {
        (checkpoint, note) = try reader.checkpoint(size: size, verifiers: verifiers)
    }

    /// A signed checkpoint the caller holds (`--checkpoint FILE`): its signature must verify
    /// under the trusted key, whose name is its origin. Whether the ledger's entries hash to
    /// its root is for `CheckpointEntries.finish()` to say.
    public init(held note: SignedNote, name: String, verifiers: [NoteVerifier]) throws {
        let checkpoint: Checkpoint
        do {
            try note.verify(verifiers)
            checkpoint = try Checkpoint(text: note.text)
        } catch let error as LedgerError {
            throw LedgerError(.corrupt, "\(name): \(error.message)", integrity: .signature)
        }
        guard verifiers.contains(where: { $0.name == checkpoint.origin }) else {
            throw LedgerError(.corrupt, "\(name): origin \(checkpoint.origin) is not the name of a trusted key", integrity: .signature)
        }
        self.checkpoint = checkpoint
        self.note = note
    }

    /// {"origin", "size", "root", "note"} as the exports' JSON shape has it.
    public var json: JSONValue {
        checkpoint.exportJSON(note: note)
    }
}
