extension PreparedBatch {
    /// Builds the batch's entries, bytes and hashes after `edge` without touching any store.
    /// A failure carries the position of the entry at fault (`entryIndex`). `batchStart` is
    /// the size the whole batch follows (a backfill declaration must open it); only with
    /// `signKeyEntry` (a key rotation) may a `key` body be in the batch: it signs the entry.
    static func prepare(_ bodies: [EntryBody], time now: String, after edge: LedgerEdge, batchStart: UInt64? = nil,
                        signKeyEntry: ((Entry) throws -> Entry)? = nil,
                        admit: (Entry, Int) throws -> Void) throws -> PreparedBatch {
        let hasher = MerkleHasher()
        let time = max(now, edge.lastTime)
        var builder = edge.builder
        var prev = edge.lastLeafHash
        let size = edge.size
        var records: [[UInt8]] = []
        var stored: [UInt8] = []
        records.reserveCapacity(bodies.count)
        for (position, body) in bodies.enumerated() {
            let bytes: [UInt8]
            do {
                let seq = size + UInt64(position)
                var entry = try Entry(seq: seq, prev: prev, time: time,
                                      body: try admissible(body, seq: seq, rotating: signKeyEntry != nil))
                if let signKeyEntry, entry.awaitsKeySignature { entry = try signKeyEntry(entry) }
                if let problem = entry.body.payload.backfill?.problem(seq: seq, batchStart: batchStart ?? edge.size, time: time) {
                    throw LedgerError(.invalidEntry, problem)
                }
                try admit(entry, position)
                bytes = entry.canonicalBytes()
                guard bytes.count <= EntryLimits.entryByteCountMax else {
                    throw LedgerError(.invalidEntry, "the entry is \(bytes.count) bytes, over the \(EntryLimits.entryByteCountMax)-byte limit")
                }
            } catch let error as LedgerError {
                throw LedgerError(error.code, error.message, entryIndex: position)
            }
            prev = hasher.leafHash(bytes)
            for hash in builder.append(leafHash: prev, hasher: hasher) { stored.append(contentsOf: hash.bytes) }
            records.append(bytes)
        }
        return PreparedBatch(firstSeq: size, records: records, storedHashes: stored, builder: builder,
                             root: builder.root(hasher: hasher), lastLeafHash: prev, lastTime: time,
                             ids: bodies.map(\.id))
    }

    /// The storage layer's own rules for a body at `seq`: one genesis, first; key entries
    /// only in a key rotation (`LedgerWriter.rotateKey`), which signs them.
    private static func admissible(_ body: EntryBody, seq: UInt64, rotating: Bool) throws -> EntryBody {
        guard (seq == 0) == (body.kind == .genesis) else {
            throw LedgerError(.invalidEntry, seq == 0 ? "the first entry of a ledger must be its genesis"
                                                      : "a ledger has one genesis entry, at seq 0")
        }
        // A key entry must carry both keys' signatures and switch the checkpoint signer,
        // which only the rotation does.
        guard body.kind != .key || rotating else {
            throw LedgerError(.invalidEntry, "a key entry is appended only by civic key rotate")
        }
        return body
    }

    /// The edge of the log once this batch is committed.
    var edge: LedgerEdge {
        LedgerEdge(size: endSize, builder: builder, lastLeafHash: lastLeafHash, lastTime: lastTime)
    }
}

extension StoreBatch {
    init(_ prepared: PreparedBatch, checkpoint: SignedNote) {
        let count = prepared.storedHashes.count / Hash32.byteCount
        let hashes = (0..<count).map { Hash32(trusted: Array(prepared.storedHashes[$0 * Hash32.byteCount..<($0 + 1) * Hash32.byteCount])) }
        self.init(firstSeq: prepared.firstSeq, entries: prepared.records, storedHashes: hashes, ids: prepared.ids,
                  checkpoint: checkpoint, edge: prepared.edge)
    }

    /// The batch as the directory writer keeps it.
    var prepared: PreparedBatch {
        PreparedBatch(firstSeq: firstSeq, records: entries, storedHashes: storedHashes.flatMap(\.bytes), builder: edge.builder,
                      root: edge.builder.root(hasher: MerkleHasher()), lastLeafHash: edge.lastLeafHash, lastTime: edge.lastTime, ids: ids)
    }
}
