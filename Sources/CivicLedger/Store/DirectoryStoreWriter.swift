#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory engine's writer: holds `DIR/LOCK` for as long as it lives (one writing
/// process per directory), cuts back any unacknowledged tail on open, and commits a batch
/// the way `LedgerWriter` does — entries, index and tree fsynced, then the checkpoint's
/// rename as the commit point, then the id index.
final class DirectoryStoreWriter: LedgerStoreWriter, LockedLedger {
    private let layout: LedgerLayout
    private let lock: FileHandle
    private let state: WriterState
    private let ids: IdIndex
    private(set) var edge: LedgerEdge
    /// Set after a failed write: only a fresh open (which cuts the tail back) may write again.
    private var failed = false

    init(layout: LedgerLayout) throws {
        self.layout = layout
        lock = try LedgerLock.acquire(layout)
        let newest = try CheckpointStore(layout: layout).sizes().last
        if let newest {
            let reader = try LedgerReader(directory: layout.directory)
            let note = try SignedNote.parse(try reader.checkpointBytes(size: newest))
            let checkpoint = try Checkpoint(text: note.text)
            state = try Recovery(layout: layout, segments: reader.segments, checkpoint: checkpoint).run()
            ids = try IdIndex.openCatchingUp(layout: layout, reader: reader)
            edge = try LedgerEdge.restore(size: newest, lastEntry: try reader.entryBytes(seq: newest - 1), hashes: try reader.treeHashes())
        } else {
            // A new directory from `DirectoryStore.create`: nothing to recover.
            state = try WriterState(
                size: 0, prev: .zero, lastTime: "", builder: TreeBuilder(), segments: try SegmentSet(layout: layout),
                segmentHandle: try FileHandle.open(layout.segmentPath(firstSeq: 0), flags: O_RDWR),
                indexHandle: try FileHandle.open(layout.indexPath, flags: O_RDWR),
                treeHandle: try FileHandle.open(layout.treePath, flags: O_RDWR))
            ids = try IdIndex.create(at: layout.idsPath)
            edge = .empty
        }
    }

    func commit<Value>(_ prepare: (LockedLedger) throws -> (StoreBatch?, Value)) throws -> Value {
        guard !failed else { throw LedgerError(.io, "\(layout.directory): an earlier write failed; open the ledger again") }
        let (batch, value) = try prepare(self)
        guard let batch else { return value }
        precondition(batch.firstSeq == edge.size, "a batch follows the edge it was prepared after")
        let prepared = batch.prepared
        do {
            try state.write(prepared, layout: layout, segmentByteCountMax: LedgerWriter.segmentByteCountDefault)
            try CheckpointStore(layout: layout).write(batch.checkpoint, size: batch.endSize)
        } catch {
            failed = true
            throw LedgerWriter.uncommitted(error, firstSeq: batch.firstSeq, endSize: batch.endSize, directory: layout.directory)
        }
        state.commit(prepared)
        edge = batch.edge
        let items = batch.ids.enumerated().map { (id: $0.element, seq: batch.firstSeq + UInt64($0.offset)) }
        do {
            try ids.insert(items, coveredSize: batch.endSize)
        } catch {
            // The batch is committed; the next open rebuilds the index from the log.
            failed = true
        }
        return value
    }

    func replaceCheckpoint(_ note: SignedNote, size: UInt64) throws {
        try CheckpointStore(layout: layout).replace(note, size: size)
    }

    func saveDerivedState(_ name: String, size: UInt64, state: JSONValue) throws {
        try DerivedState.save(layout, name: name, size: size, state: state)
    }

    func seq(id: String) throws -> UInt64? {
        for seq in try ids.candidates(for: id) where seq < edge.size {
            if try state.storedEntry(seq: seq).body.id == id { return seq }
        }
        return nil
    }

    func entry(seq: UInt64) throws -> Entry {
        precondition(seq < edge.size, "only committed entries are read back")
        return try state.storedEntry(seq: seq)
    }
}
