/// Read-only access to a ledger directory. Takes no lock: it reads only what the newest
/// checkpoint covers, and a writer makes entries durable before it signs a checkpoint.
public struct LedgerReader {
    public let layout: LedgerLayout
    let segments: SegmentSet
    let checkpoints: CheckpointStore
    /// Sizes of every kept checkpoint, ascending.
    public let checkpointSizes: [UInt64]
    let handles: ReaderHandles

    public init(directory: String) throws {
        layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
        checkpoints = CheckpointStore(layout: layout)
        handles = ReaderHandles(layout: layout)
        checkpointSizes = try checkpoints.sizes()
        guard !checkpointSizes.isEmpty else {
            throw LedgerError(.notALedger, "\(layout.directory) has no checkpoint: civic init did not finish; remove it and run init again")
        }
        segments = try SegmentSet(layout: layout)
    }

    /// The number of entries the newest checkpoint covers: the acknowledged log.
    public var size: UInt64 { checkpointSizes.last! }

    /// The newest checkpoint, verified from the trust anchor: `verifiers` holds the pinned
    /// first key of the ledger, and every `key` entry below the checkpoint's size is followed
    /// (`KeyChain`), so the checkpoint must be signed by the key in force at its size. Reads
    /// the log once to find the key entries.
    public func latestCheckpoint(verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        try checkpoint(size: size, verifiers: verifiers)
    }

    /// The newest checkpoint, which exactly `verifier` must have signed (no rotation is
    /// followed): a writer's or a server's check of its own key.
    public func latestCheckpoint(signedBy verifier: NoteVerifier) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        try checkpoints.verified(size: size, verifiers: [verifier])
    }

    /// The newest checkpoint, which `signer` must have signed (a writer's key check). Only a
    /// bad or foreign signature says "did not sign"; a file that cannot be read says so. A
    /// key retired by a `key` entry is named as retired.
    public func newestCheckpoint(signedBy signer: NoteSigner) throws -> Checkpoint {
        do {
            return try latestCheckpoint(signedBy: signer.verifier).checkpoint
        } catch let error as LedgerError where error.integrity == .signature {
            if let (seq, current) = try? retirement(of: signer.verifier) {
                throw LedgerError(.invalidKey, "the key \(KeyChain.label(signer.verifier)) was retired by the key rotation at seq \(seq); sign with the ledger's current key, \(KeyChain.label(current))")
            }
            throw LedgerError(.invalidKey, "the key \(signer.verifier.vkey) did not sign this ledger's newest checkpoint (\(error.message))")
        }
    }

    /// Where `verifier` was retired, from the ledger's own genesis key and key entries (the
    /// writer trusts its directory); nil when it was not.
    private func retirement(of verifier: NoteVerifier) throws -> (UInt64, NoteVerifier)? {
        guard case .genesis(let genesis) = try Entry.decode(try entryBytes(seq: 0)).body.payload else { return nil }
        let chain = try keyChain(pinned: try NoteVerifier(vkey: genesis.vkey))
        return chain.retirement(of: verifier).map { ($0, chain.current) }
    }

    /// The kept checkpoint of `size`, verified from the pinned first key in `verifiers`
    /// through the key entries below `size`.
    public func checkpoint(size: UInt64, verifiers: [NoteVerifier]) throws -> (checkpoint: Checkpoint, note: SignedNote) {
        guard checkpointSizes.contains(size) else {
            throw LedgerError(.usage, "\(layout.directory) has no checkpoint at size \(size)")
        }
        guard verifiers.count == 1 else {
            // Hostile callers (a fuzzer, a library user) must get an error, never a trap.
            throw LedgerError(.usage, "a checkpoint is verified from exactly one pinned verifier key (later keys are followed through key entries)")
        }
        return try checkpoints.verified(size: size, chain: try keyChain(pinned: verifiers[0], size: size))
    }

    /// The stored bytes of entry `seq`, found through the index with two reads.
    public func entryBytes(seq: UInt64) throws -> [UInt8] {
        guard seq < size else {
            throw LedgerError(.usage, "seq \(seq) is not in the ledger (it holds seq 0 to \(size - 1))")
        }
        let offset = try IndexFile.offset(of: seq, in: try handles.indexHandle())
        let first = segments.segment(holding: seq)
        let path = segments.path(firstSeq: first)
        let chunk = try handles.segment(firstSeq: first).read(at: Int64(offset), count: EntryLimits.entryByteCountMax + 1)
        guard let end = chunk.firstIndex(of: 0x0a) else {
            throw LedgerError(.corrupt, "\(path) offset \(offset): entry \(seq) has no end of line within \(EntryLimits.entryByteCountMax) bytes")
        }
        return Array(chunk[..<end])
    }

    /// Calls `body` with each acknowledged entry's bytes, in order, streaming.
    public func forEachEntry(from start: UInt64 = 0, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        try forEachLine(from: start) { try body($0.seq, $0.bytes) }
    }

    func forEachLine(from start: UInt64 = 0, _ body: (EntryLineReader.Line) throws -> Void) throws {
        guard start < size else { return }
        var reader = try start == 0 ? EntryLineReader(segments: segments) : EntryLineReader(
            segments: segments, seq: start,
            offset: IndexFile.offset(of: start, in: FileHandle.openForReading(layout.indexPath)))
        while reader.nextSeq < size, let line = try reader.next() {
            try body(line)
        }
        guard reader.nextSeq == size else {
            throw LedgerError.integrity(.store, "\(layout.entriesDirectory) holds \(reader.nextSeq) entries but the checkpoint covers \(size)")
        }
    }
}
