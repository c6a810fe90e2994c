/// The reversal of a receipt's entry, when the checkpoint the receipt cites already holds
/// one: the reversal entry's exact bytes and its inclusion proof in that checkpoint. The
/// gist states it (`reversed: …`), so a receipt cannot present a reversed donation as
/// standing. The receipt's maker looks for it; a receipt without one proves only that
/// the entry is in the log, not that no reversal exists (see SECURITY.md).
struct ReceiptReversal: Equatable, Sendable {
    static let label = "reversal"

    let entry: [UInt8]
    let proof: [Hash32]

    /// The writer's running book (CivicAudit `BookStore`): its `reversed` list names every
    /// entry reversed among the entries it covers.
    static let bookStateName = "book"

    /// The first reversal of `seq` among the entries after it in a tree of `size`, or nil.
    /// When the writer's book covers the tree and does not list `seq` as reversed, there is
    /// none and the log is not read (a receipt stays O(log n)); otherwise the entries after
    /// `seq` are scanned. The book is only a shortcut to "none": a reversal that is found is
    /// always read and proven from the log.
    static func find(reader: any ProofLog, seq: UInt64, size: UInt64) throws -> ReceiptReversal? {
        if let book = try reader.derivedState(bookStateName), book.size >= size, case .object(let top) = book.state,
           case .array(let reversed)? = top["reversed"], let key = Int64(exactly: seq), !reversed.contains(.integer(key)) {
            return nil
        }
        guard seq + 1 < size else { return nil }
        var found: (seq: UInt64, bytes: [UInt8])?
        let marker = ByteMarker("\"kind\":\"reversal\"")
        try reader.forEachEntry(in: min(seq + 1, size)..<size) { at, bytes in
            // Entries after the first reversal found do not count.
            guard found == nil, marker.occurs(in: bytes) else { return }
            let entry = try Entry.decode(Array(bytes))
            if case .reversal(let reversal) = entry.body.payload, reversal.target == seq { found = (at, Array(bytes)) }
        }
        guard let found else { return nil }
        return ReceiptReversal(entry: found.bytes, proof: try reader.inclusionProof(seq: found.seq, treeSize: size))
    }

    /// The decoded reversal after checking that it reverses `target` and is in `checkpoint`.
    func verify(target: UInt64, checkpoint: Checkpoint) throws -> Entry {
        let decoded: Entry
        do { decoded = try Entry.decode(entry) } catch let error as LedgerError {
            throw LedgerError(.invalidProof, "the receipt's reversal is not a valid canonical entry: \(error.message)")
        }
        guard case .reversal(let reversal) = decoded.body.payload, reversal.target == target, decoded.seq > target else {
            throw LedgerError(.invalidProof, "the receipt's reversal entry does not reverse seq \(target)")
        }
        try MerkleProof.verifyInclusion(leafHash: MerkleHasher().leafHash(entry), index: Int64(exactly: decoded.seq) ?? -1,
                                        treeSize: Int64(checkpoint.size), proof: proof, root: checkpoint.root)
        return decoded
    }

    /// The gist line: `reversed: seq 9, value date 2025-02-01, reason: …`.
    static func gistLine(_ entry: Entry) -> (String, String) {
        guard case .reversal(let reversal) = entry.body.payload else { return ("reversed", "seq \(entry.seq)") }
        return ("reversed", "seq \(entry.seq), value date \(entry.body.date), reason: \(reversal.reason)")
    }
}
