/// The signed link from each checkpoint to the kept one before it, so that deleting a kept
/// intermediate checkpoint is detectable: the link is inside the signed text, so nobody
/// without the key can remove or change it (Ledger/SPEC.md, "Checkpoints").
extension Checkpoint {
    /// The extension line's prefix; the decimal size of the previous kept checkpoint
    /// follows (0 for a ledger's first checkpoint: size 0 is never kept).
    static let previousPrefix = "civicledger/previous "

    /// The extension line naming `size` as the previous kept checkpoint.
    static func previousLine(_ size: UInt64) -> String { previousPrefix + String(size) }

    /// The size of the kept checkpoint before this one (0 when this is the first), or nil
    /// for a checkpoint written before the link existed. Other extension lines are not ours
    /// and are ignored; a malformed or repeated link is an error.
    public func previousSize() throws -> UInt64? {
        let links = extensions.filter { $0.hasPrefix(Checkpoint.previousPrefix) }
        guard let link = links.first else { return nil }
        guard links.count == 1 else {
            throw LedgerError(.invalidNote, "checkpoint \(size) has \(links.count) \"\(Checkpoint.previousPrefix)\" lines")
        }
        let text = link.dropFirst(Checkpoint.previousPrefix.count)
        guard let previous = UInt64(text), String(previous) == text, previous < size else {
            throw LedgerError(.invalidNote, "checkpoint \(size): its previous-checkpoint line does not hold a decimal size below \(size)")
        }
        return previous
    }
}
