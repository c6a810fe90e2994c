/// Copies a ledger from one store to another, checkpoint by checkpoint: the same entry
/// bytes, the same tree, the same signed checkpoints with every cosignature. Each kept
/// checkpoint's interval is one batch, so the copy's checkpoints are exactly the source's
/// and a copy cut short by a crash ends at one of them. Nothing is re-signed: the copy
/// verifies under the source's key. Entries are checked against their checkpoint's root
/// before they are written, so a damaged source is refused rather than copied.
public enum StoreCopy {
    public struct Report: Sendable {
        public let entryCount: UInt64
        public let checkpointCount: Int
    }

    /// Copies everything `source` holds into `destination`, whose log must be empty. Holds
    /// at most one checkpoint interval of entries in memory.
    /// `progress` is told how many entries have been read and checked so far.
    public static func copy(from source: any LedgerStore, to destination: any LedgerStoreWriter,
                            progress: ((UInt64) -> Void)? = nil) throws -> Report {
        let sizes = try source.checkpointSizes()
        guard !sizes.isEmpty else { throw LedgerError(.notALedger, "\(source.location) has no checkpoint to copy") }
        var edge = LedgerEdge.empty
        for size in sizes {
            let batch = try batch(from: source, after: edge, to: size, progress: progress)
            try destination.commit { locked -> (StoreBatch?, Void) in
                guard locked.edge.size == edge.size else {
                    throw LedgerError(.usage, "the destination holds \(locked.edge.size) entries; a copy needs an empty ledger")
                }
                return (batch, ())
            }
            edge = batch.edge
        }
        return Report(entryCount: edge.size, checkpointCount: sizes.count)
    }

    /// The source's entries after `edge` up to `size`, with their hashes and its checkpoint.
    static func batch(from source: any LedgerStore, after edge: LedgerEdge, to size: UInt64,
                      progress: ((UInt64) -> Void)? = nil) throws -> StoreBatch {
        let noteBytes = try source.checkpointBytes(size: size)
        let note = try SignedNote.parse(noteBytes)
        guard Array(note.serialized.utf8) == noteBytes else {
            throw LedgerError(.corrupt, "\(source.location): the checkpoint at size \(size) is not in its canonical form")
        }
        let checkpoint = try Checkpoint(text: note.text)
        guard checkpoint.size == size else {
            throw LedgerError(.corrupt, "\(source.location): the checkpoint kept at size \(size) says size \(checkpoint.size)")
        }
        let hasher = MerkleHasher()
        var builder = edge.builder
        var prev = edge.lastLeafHash
        var lastTime = edge.lastTime
        var entries: [[UInt8]] = []
        var ids: [String] = []
        var stored: [Hash32] = []
        try source.forEachEntry(in: edge.size..<size) { seq, bytes in
            let entry = try Entry.decode(Array(bytes))
            guard entry.seq == seq, entry.prev == prev else {
                throw LedgerError(.corrupt, "\(source.location): entry \(seq) does not follow the one before it (seq or prev)")
            }
            prev = hasher.leafHash(Array(bytes))
            stored.append(contentsOf: builder.append(leafHash: prev, hasher: hasher))
            lastTime = entry.time
            entries.append(Array(bytes))
            ids.append(entry.body.id)
            progress?(seq + 1)
        }
        guard builder.root(hasher: hasher) == checkpoint.root else {
            throw LedgerError(.corrupt, "\(source.location): the entries do not hash to the root of the checkpoint at size \(size)")
        }
        let next = LedgerEdge(size: size, builder: builder, lastLeafHash: prev, lastTime: lastTime)
        return StoreBatch(firstSeq: edge.size, entries: entries, storedHashes: stored, ids: ids, checkpoint: note, edge: next)
    }
}
