#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one writer of a ledger directory. It holds the directory's exclusive lock while it
/// lives, makes every batch durable before it signs the checkpoint that acknowledges it,
/// and on open cuts back any tail a crash left past the newest checkpoint.
public final class LedgerWriter {
    public struct AppendResult: Sendable {
        public let firstSeq: UInt64
        public let count: Int
        public let checkpoint: Checkpoint
        public let note: SignedNote
    }

    /// A segment file grows past this size only by its last entry; then a new one starts.
    public static let segmentByteCountDefault: Int64 = 64 << 20

    let layout: LedgerLayout
    let signer: NoteSigner
    let origin: String
    let segmentByteCountMax: Int64
    private let lock: FileHandle
    private var state: WriterState
    /// Set after a failed write: the files may hold an unacknowledged tail, so only a
    /// fresh open (which cuts it back) may write again.
    private var failed = false

    init(layout: LedgerLayout, signer: NoteSigner, lock: FileHandle, state: WriterState, segmentByteCountMax: Int64) {
        self.layout = layout
        self.signer = signer
        self.origin = signer.name
        self.lock = lock
        self.state = state
        self.segmentByteCountMax = segmentByteCountMax
    }

    /// The number of acknowledged entries.
    public var size: UInt64 { state.size }

    /// Appends `bodies` as one all-or-nothing batch and signs one checkpoint over it.
    /// Returns only after the entries and the checkpoint are durable.
    public func append(_ bodies: [EntryBody]) throws -> AppendResult {
        guard !failed else { throw LedgerError(.io, "\(layout.directory): an earlier write failed; open the ledger again") }
        guard !bodies.isEmpty else { throw LedgerError(.usage, "nothing to append") }
        let batch = try state.prepare(bodies, time: UTCClock.now())
        do {
            try state.write(batch, layout: layout, segmentByteCountMax: segmentByteCountMax)
            let checkpoint = Checkpoint(origin: origin, size: batch.endSize, root: batch.root)
            let note = try SignedNote.sign(text: checkpoint.text, signers: [signer])
            try CheckpointStore(layout: layout).write(note, size: checkpoint.size)
            state.commit(batch)
            return AppendResult(firstSeq: batch.firstSeq, count: bodies.count, checkpoint: checkpoint, note: note)
        } catch {
            failed = true
            throw error
        }
    }

    static func takeLock(_ layout: LedgerLayout) throws -> FileHandle {
        try LedgerLock.acquire(layout)
    }
}
