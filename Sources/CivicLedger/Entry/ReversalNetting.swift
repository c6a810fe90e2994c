/// The one rule of what a reversal cancels, for the book, the audit's tallies and every
/// export: a `reversal` cancels its `target` when the target is an earlier entry that is not
/// itself a reversal and no earlier reversal has cancelled it already. A reversal of a
/// reversal, a second reversal of one entry, or a forward reference cancels nothing (the
/// write rules refuse them; a hostile stored ledger may still hold them).
public enum ReversalNetting {
    /// The target `entry` cancels, or nil. `target` is the entry at the reversal's target
    /// seq (nil when unknown); `reversed` holds the seqs cancelled before `entry`.
    public static func cancelledTarget(of entry: Entry, target: Entry?, reversed: Set<UInt64>) -> Entry? {
        guard case .reversal(let reversal) = entry.body.payload, let target, target.seq == reversal.target,
              cancels(reversalSeq: entry.seq, target: target.seq, targetIsReversal: target.body.kind == .reversal,
                      reversed: reversed) else { return nil }
        return target
    }

    /// The seqs cancelled by the reversals of a whole ledger, given as reversal seq →
    /// target seq (for a pass that must know them before it starts).
    public static func cancelledSeqs(_ reversals: [UInt64: UInt64]) -> Set<UInt64> {
        var reversed: Set<UInt64> = []
        for (seq, target) in reversals.sorted(by: { $0.key < $1.key })
        where cancels(reversalSeq: seq, target: target, targetIsReversal: reversals[target] != nil, reversed: reversed) {
            reversed.insert(target)
        }
        return reversed
    }

    private static func cancels(reversalSeq: UInt64, target: UInt64, targetIsReversal: Bool, reversed: Set<UInt64>) -> Bool {
        target < reversalSeq && !targetIsReversal && !reversed.contains(target)
    }
}
