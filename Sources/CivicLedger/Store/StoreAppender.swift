/// Appends entries to any `LedgerStore` as all-or-nothing batches, each under one new signed
/// checkpoint, with the same rules as the directory writer: the storage layer's own rules
/// (one genesis, first), STD-IDEMP (a body whose id is recorded with the same payload is
/// not written again; the same id with another payload refuses the batch), and `validator`.
public struct StoreAppender {
    public struct Result: Sendable {
        /// The seq of each body passed in: a new seq, or where an identical entry already is.
        public let seqs: [UInt64]
        public let appendedCount: Int
        /// The size of the log after the batch (the committed edge when nothing was new).
        public let size: UInt64
        /// The checkpoint covering the batch; nil when nothing was new.
        public let checkpoint: SignedNote?
    }

    let writer: any LedgerStoreWriter
    let signer: NoteSigner

    public init(writer: any LedgerStoreWriter, signer: NoteSigner) {
        self.writer = writer
        self.signer = signer
    }

    /// Appends `bodies` with the storage layer's checks only.
    public func append(_ bodies: [EntryBody]) throws -> Result {
        var validator = SchemaOnlyValidation()
        var size: UInt64?
        return try append(bodies, validator: &validator, validatorSize: &size)
    }

    /// Appends `bodies` as one batch. `validator` is kept only when the batch commits.
    /// `validatorSize` is how many entries the validator has seen (nil: it keeps no state).
    /// Under the lock, before the batch is judged, each committed entry it has not seen yet
    /// (another process's writes) is handed to `take`, which by default admits it.
    public func append<Validator: EntryValidator>(
        _ bodies: [EntryBody], validator: inout Validator, validatorSize: inout UInt64?,
        take: (inout Validator, Entry) throws -> Void = { try $0.admit($1) }
    ) throws -> Result {
        guard !bodies.isEmpty else { throw LedgerError(.usage, "nothing to append") }
        var kept = validator
        var keptSize = validatorSize
        let result = try writer.commit { locked -> (StoreBatch?, (Result, Validator, UInt64?)) in
            var trial = kept
            if let keptSize { try StoreAppender.catchUp(&trial, from: keptSize, locked: locked, signer: signer, take: take) }
            let seqs = try StoreAppender.recordedSeqs(of: bodies, locked: locked)
            let fresh = bodies.indices.filter { seqs[$0] == nil }
            let edge = locked.edge
            guard !fresh.isEmpty else {
                return (nil, (Result(seqs: seqs.map { $0! }, appendedCount: 0, size: edge.size, checkpoint: nil), trial, keptSize.map { _ in edge.size }))
            }
            let batch = try prepare(fresh.map { bodies[$0] }, edge: edge, validator: &trial, positions: fresh, bodies: bodies)
            var next = edge.size
            let all = seqs.map { seq -> UInt64 in
                if let seq { return seq }
                defer { next += 1 }
                return next
            }
            return (batch, (Result(seqs: all, appendedCount: fresh.count, size: batch.endSize, checkpoint: batch.checkpoint), trial, keptSize.map { _ in batch.endSize }))
        }
        (_, kept, keptSize) = result
        validator = kept
        validatorSize = keptSize
        return result.0
    }

    /// Feeds `validator` the committed entries from `size` to the edge. A `key` entry among
    /// them to another key is another process's rotation: `signer` is retired and must never
    /// sign a tree that holds its retirement, so the batch is refused.
    static func catchUp<Validator: EntryValidator>(_ validator: inout Validator, from size: UInt64, locked: LockedLedger,
                                                   signer: NoteSigner, take: (inout Validator, Entry) throws -> Void) throws {
        guard size < locked.edge.size else { return }
        try locked.forEachEntry(in: size..<locked.edge.size) { entry in
            if let rotation = entry.body.payload.keyRotation, rotation.vkey != signer.verifier.vkey {
                let next = (try? NoteVerifier(vkey: rotation.vkey)).map(KeyChain.label) ?? "the key it names"
                throw LedgerError(.invalidKey, "the key \(KeyChain.label(signer.verifier)) was retired by the key rotation at seq \(entry.seq); sign with the ledger's current key, \(next)")
            }
            try take(&validator, entry)
        }
    }

    static func recordedSeqs(of bodies: [EntryBody], locked: LockedLedger) throws -> [UInt64?] {
        var seen: [String: Int] = [:]
        return try bodies.enumerated().map { position, body in
            if let first = seen[body.id] {
                throw LedgerError(.refused, "STD-IDEMP: entries \(first + 1) and \(position + 1) of the batch share id \(PersonalData.quotable(body.id))",
                                  entryIndex: position)
            }
            seen[body.id] = position
            guard let seq = try locked.seq(id: body.id) else { return nil }
            guard try locked.entry(seq: seq).body == body else {
                throw LedgerError(.refused, "STD-IDEMP: id \(PersonalData.quotable(body.id)) (entry \(position + 1)) was recorded at seq \(seq) with a different payload",
                                  entryIndex: position)
            }
            return seq
        }
    }

    private func prepare<Validator: EntryValidator>(_ fresh: [EntryBody], edge: LedgerEdge, validator: inout Validator,
                                                    positions: [Int], bodies: [EntryBody]) throws -> StoreBatch {
        let prepared: PreparedBatch
        do {
            prepared = try PreparedBatch.prepare(fresh, time: UTCClock.now(), after: edge) { entry, _ in try validator.admit(entry) }
        } catch let error as LedgerError where error.entryIndex != nil {
            let index = positions[error.entryIndex!]
            throw LedgerError(error.code, "\(error.message) (entry \(index + 1), id \(PersonalData.quotable(bodies[index].id)))", entryIndex: index)
        }
        let checkpoint = Checkpoint(origin: signer.name, size: prepared.endSize, root: prepared.root,
                                    extensions: [Checkpoint.previousLine(edge.size)])
        let note = try SignedNote.sign(text: checkpoint.text, signers: [signer])
        return StoreBatch(prepared, checkpoint: note)
    }
}
