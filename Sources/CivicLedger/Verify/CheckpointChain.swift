/// The signed links between kept checkpoints (`Checkpoint.previousSize`): every linked
/// checkpoint must name exactly the kept checkpoint below it (0 when it is the lowest).
/// So a kept checkpoint deleted from below a linked one, or a kept one that the writer
/// never issued in that order, fails verification. Only the newest checkpoint has no
/// signed successor: deleting it is the rollback that needs a held checkpoint to detect.
struct CheckpointChain {
    let layout: LedgerLayout

    /// `links[i]` is the link of the checkpoint at `sizes[i]` (sizes ascending); nil for a
    /// checkpoint written before links existed. Returns how many checkpoints are unlinked.
    func check(sizes: [UInt64], links: [UInt64?]) throws -> Int {
        precondition(sizes.count == links.count, "one link per checkpoint")
        let kept = Set(sizes)
        for (position, link) in links.enumerated() {
            guard let link else { continue }
            let size = sizes[position]
            let below: UInt64 = position == 0 ? 0 : sizes[position - 1]
            guard link != below else { continue }
            if link != 0 && !kept.contains(link) {
                throw LedgerError.integrity(.store, "\(layout.checkpointPath(size: link)) is missing: the checkpoint at size \(size) names size \(link) as the kept checkpoint before it (a kept checkpoint was deleted)")
            }
            throw LedgerError.integrity(.store, "\(layout.checkpointPath(size: below)): the checkpoint at size \(size) names \(link == 0 ? "no kept checkpoint" : "size \(link)") before it, so the one at size \(below) is not in the chain of checkpoints the writer issued")
        }
        return links.filter { $0 == nil }.count
    }
}
