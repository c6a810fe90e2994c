extension Checkpoint {
    /// `{"note", "origin", "root", "size"}`: the checkpoint object every export and trace
    /// carries, with the signed note verbatim so anyone can check the figures against the log.
    public func exportJSON(note: SignedNote) -> JSONValue {
        .object([
            "origin": .string(origin), "size": .integer(Int64(size)),
            "root": .string(root.base64), "note": .string(note.serialized),
        ])
    }
}
