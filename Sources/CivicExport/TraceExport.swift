import CivicLedger

/// `civic trace`: where one donation's money went, at a verified checkpoint. Two streaming
/// passes over exactly the entries the checkpoint covers (`CheckpointEntries`, each checked
/// against its root): the first finds the reversals (the cancelled entries take no part) and
/// the donation itself, the second allocates (`TraceAllocator`).
public enum TraceExport {
    /// The trace reads the checkpoint's entries this many times.
    public static let passes: UInt64 = 2

    /// `progress` is told how many entries both passes have read so far (of `passes` × size).
    public static func trace(reader: any CheckpointedLog, seq: UInt64, at bound: ExportCheckpoint,
                             progress: ((UInt64) -> Void)? = nil) throws -> DonationTrace {
        let size = bound.checkpoint.size
        guard seq < size else {
            throw LedgerError(.usage, "seq \(seq) is not in the checkpoint's tree of size \(size)")
        }
        let found = try firstPass(reader: reader, seq: seq, checkpoint: bound.checkpoint, progress: progress)
        guard case .donation(let donation) = found.entry.body.payload else {
            throw LedgerError(.usage, "seq \(seq) is a \(found.entry.body.kind.rawValue); a trace follows a donation")
        }
        let cancelled = ReversalNetting.cancelledSeqs(found.reversals)
        var allocator = TraceAllocator(donationSeq: seq, currency: donation.amount.currency, cancelled: cancelled)
        let entries = CheckpointEntries(reader: reader, checkpoint: bound.checkpoint,
                                        progress: progress.map { report in { report(size + $0) } })
        for entry in entries { try allocator.observe(entry) }
        try entries.finish()
        let traced = DonationTrace.Donation(seq: seq, id: found.entry.body.id, date: found.entry.body.date,
                                            fund: donation.fund, amount: donation.amount)
        let reversed = cancelled.contains(seq)
        assert(!reversed || allocator.steps.isEmpty, "a cancelled donation puts no money in its fund")
        let trace = DonationTrace(checkpoint: bound.checkpoint, note: bound.note, donation: traced,
                                  reversal: reversed ? found.reversal : nil, steps: allocator.steps,
                                  unspent: reversed ? [] : allocator.unspent)
        try trace.checkWellFormed()
        return trace
    }

    private struct FirstPass {
        var entry: Entry
        var reversals: [UInt64: UInt64]
        /// The first reversal naming the donation: the one that cancels it (ReversalNetting).
        var reversal: DonationTrace.Reversal?
    }

    private static func firstPass(reader: any CheckpointedLog, seq: UInt64, checkpoint: Checkpoint,
                                  progress: ((UInt64) -> Void)?) throws -> FirstPass {
        var entry: Entry?
        var reversals: [UInt64: UInt64] = [:]
        var reversal: DonationTrace.Reversal?
        let entries = CheckpointEntries(reader: reader, checkpoint: checkpoint, progress: progress)
        for next in entries {
            if next.seq == seq { entry = next }
            guard case .reversal(let payload) = next.body.payload else { continue }
            reversals[next.seq] = payload.target
            if payload.target == seq, next.seq > seq, reversal == nil {
                reversal = DonationTrace.Reversal(seq: next.seq, date: next.body.date)
            }
        }
        try entries.finish()
        guard let entry else { preconditionFailure("a finished stream of the checkpoint held every seq below its size") }
        return FirstPass(entry: entry, reversals: reversals, reversal: reversal)
    }
}
