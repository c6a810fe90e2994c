import CivicLedger

/// The entries a checkpoint covers, in log order, streamed from the ledger in batches,
/// decoded strictly, and hashed into the Merkle tree on the way. Iterate once, then call
/// `finish()`: it throws the first read or decode error met (iteration stops there), and
/// fails unless the entries read are exactly the checkpoint's size and hash to its root, so
/// an export counts exactly the bytes the signed checkpoint commits to. Memory: one batch.
public struct CheckpointEntries: Sequence {
    /// Entries decoded per read of the ledger.
    static let batchSize = 1024

    let reader: LedgerReader
    let checkpoint: Checkpoint
    private let state = State()

    /// Progress shared by the iterator and `finish()`.
    final class State {
        var failure: Error?
        var tree = TreeBuilder()
        let hasher = MerkleHasher()
    }

    private struct Stop: Error {}

    public init(reader: LedgerReader, checkpoint: Checkpoint) {
        self.reader = reader
        self.checkpoint = checkpoint
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
            return buffer[position]
        }

        private mutating func refill() {
            let state = entries.state
            let size = entries.checkpoint.size
            var batch: [Entry] = []
            batch.reserveCapacity(CheckpointEntries.batchSize)
            var expected = nextSeq
            do {
                try entries.reader.forEachEntry(from: nextSeq) { seq, bytes in
                    guard seq == expected, seq < size else {
                        throw LedgerError(.corrupt, "\(entries.reader.layout.directory): entry \(seq) read where \(expected) was expected")
                    }
                    let array = Array(bytes)
                    _ = state.tree.append(leafHash: state.hasher.leafHash(array), hasher: state.hasher)
                    let entry: Entry
                    do { entry = try Entry.decode(array) } catch let error as LedgerError {
                        throw LedgerError(.corrupt, "\(entries.reader.layout.directory): entry \(seq): \(error.message)")
                    }
                    guard entry.seq == seq else {
                        throw LedgerError(.corrupt, "\(entries.reader.layout.directory): entry \(seq) says seq \(entry.seq)")
                    }
                    batch.append(entry)
                    expected += 1
                    if batch.count == CheckpointEntries.batchSize || expected == size { throw Stop() }
                }
            } catch is Stop {
            } catch {
                state.failure = error
            }
            nextSeq = expected
            buffer = batch
            position = 0
        }
    }

    /// Throws the error that ended the iteration, or a corruption error unless every entry
    /// of the checkpoint was read and they hash to its root.
    public func finish() throws {
        if let failure = state.failure { throw failure }
        guard UInt64(state.tree.size) == checkpoint.size else {
            throw LedgerError(.corrupt, "\(reader.layout.directory): \(state.tree.size) entries read, the checkpoint covers \(checkpoint.size)")
        }
        guard state.tree.root(hasher: state.hasher) == checkpoint.root else {
            throw LedgerError(.corrupt, "\(reader.layout.directory): the entries do not hash to the root of the checkpoint at size \(checkpoint.size)")
        }
    }
}
