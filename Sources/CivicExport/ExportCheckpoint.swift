import CivicLedger

/// The checkpoint an export was computed at: every export names it (origin, size, root)
/// and carries its signed note, so anyone can check the figures against the log.
public struct ExportCheckpoint: Sendable {
    public let checkpoint: Checkpoint
    public let note: SignedNote

    /// The newest checkpoint of the ledger, verified under the trusted key.
    public init(reader: LedgerReader, verifiers: [NoteVerifier]) throws {
        let (checkpoint, note) = try reader.latestCheckpoint(verifiers: verifiers)
        self.checkpoint = checkpoint
        self.note = note
    }

    /// {"origin", "size", "root", "note"} as the exports' JSON shape has it.
    public var json: JSONValue {
        .object([
            "origin": .string(checkpoint.origin), "size": .integer(Int64(checkpoint.size)),
            "root": .string(checkpoint.root.base64), "note": .string(note.serialized),
        ])
    }
}
