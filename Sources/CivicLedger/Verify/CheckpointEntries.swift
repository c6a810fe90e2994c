/// The entries a checkpoint covers, in log order, streamed from the ledger in batches,
/// decoded strictly, and hashed into the Merkle tree on the way. Iterate once, then call
/// `finish()`: it throws the first read or decode error met (iteration stops there), and
/// fails unless the entries read are exactly the checkpoint's size and hash to its root, so
/// an export counts exactly the bytes the signed checkpoint commits to. Memory: one batch.
/// Each batch is decoded and leaf-hashed on every core (`ParallelDecode`, as `verify`
/// does); the tree is built in log order. The one checkpoint-bound entry stream of the
/// audit's report and the exports; every read or decode error reaches `finish()`, and the
/// one place their passes report progress (`progress`, so no pass counts for itself).
public struct CheckpointEntries: Sequence {
    /// Entries decoded per read of the ledger.
    static let batchSize = 1024

    let reader: any CheckpointedLog
    let checkpoint: Checkpoint
    /// Told how many entries of this pass have been handed out, before each one.
    let progress: ((UInt64) -> Void)?
    private let state = State()

    /// Progress shared by the iterator and `finish()`.
    final class State {
        var failure: Error?
        var tree = TreeBuilder()
        let hasher = MerkleHasher()
    }

    private struct Stop: Error {}

    public init(reader: any CheckpointedLog, checkpoint: Checkpoint, progress: ((UInt64) -> Void)? = nil) {
        self.reader = reader
        self.checkpoint = checkpoint
        self.progress = progress
    }

    public func makeIterator() -> Iterator {
        state.failure = nil
        state.tree = TreeBuilder()
        return Iterator(entries: self)
    }

    public struct Iterator: IteratorProtocol {
        let entries: CheckpointEntries
        private var buffer: [Entry] = []
        private var position = 0
        private var nextSeq: UInt64 = 0

        init(entries: CheckpointEntries) {
            self.entries = entries
        }

        public mutating func next() -> Entry? {
            if position == buffer.count {
                guard entries.state.failure == nil, nextSeq < entries.checkpoint.size else { return nil }
                refill()
                guard position < buffer.count else { return nil }
            }
            defer { position += 1 }
            let entry = buffer[position]
            entries.progress?(entry.seq + 1)
            return entry
        }

        private mutating func refill() {
            let state = entries.state
            let size = entries.checkpoint.size
            let directory = entries.reader.location
            var lines: [ArraySlice<UInt8>] = []
            lines.reserveCapacity(CheckpointEntries.batchSize)
            var expected = nextSeq
            // One bounded read per batch, within the checkpoint and what the ledger holds (a held
            // checkpoint past the ledger's end is for `finish()` to report).
            let end = Swift.min(size, entries.reader.size, nextSeq + UInt64(CheckpointEntries.batchSize))
            do {
                try entries.reader.forEachEntry(in: nextSeq..<end) { seq, bytes in
                    guard seq == expected else {
                        throw LedgerError(.corrupt, "\(directory): entry \(seq) read where \(expected) was expected")
                    }
                    lines.append(ArraySlice(Array(bytes)))
                    expected += 1
                }
                if expected < end { throw LedgerError(.corrupt, "\(directory): entry \(expected) is missing") }
            } catch {
                state.failure = error
            }
            buffer = []
            buffer.reserveCapacity(lines.count)
            for (offset, decoded) in ParallelDecode.run(lines).enumerated() {
                let seq = nextSeq + UInt64(offset)
                _ = state.tree.append(leafHash: decoded.leaf, hasher: state.hasher)
                guard let entry = decoded.entry else {
                    // The first bad entry ends the stream; a read error after it matters less.
                    state.failure = LedgerError(.corrupt, "\(directory): entry \(seq): \(decoded.error?.message ?? "undecodable")")
                    break
                }
                guard entry.seq == seq else {
                    state.failure = LedgerError(.corrupt, "\(directory): entry \(seq) says seq \(entry.seq)")
                    break
                }
                buffer.append(entry)
            }
            nextSeq = expected
            position = 0
        }
    }

    /// Throws the error that ended the iteration, or a corruption error unless every entry
    /// of the checkpoint was read and they hash to its root.
    public func finish() throws {
        if let failure = state.failure { throw failure }
        guard UInt64(state.tree.size) == checkpoint.size else {
            throw LedgerError(.corrupt, "\(reader.location): \(state.tree.size) entries read, the checkpoint covers \(checkpoint.size)")
        }
        guard state.tree.root(hasher: state.hasher) == checkpoint.root else {
            throw LedgerError(.corrupt, "\(reader.location): the entries do not hash to the root of the checkpoint at size \(checkpoint.size)")
        }
    }
}
