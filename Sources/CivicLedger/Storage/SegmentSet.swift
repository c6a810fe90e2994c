/// The `entries/` directory: segment files of canonical entries, one per line, each named
/// by the seq of its first entry. Concatenated in name order they are the log.
struct SegmentSet {
    let layout: LedgerLayout
    /// First seq of each segment, ascending.
    private(set) var firstSeqs: [UInt64]

    init(layout: LedgerLayout) throws {
        self.layout = layout
        let names = try FileSystem.list(layout.entriesDirectory)
        var seqs: [UInt64] = []
        for name in names where !name.hasPrefix(".") {
            guard let seq = LedgerLayout.number(fromName: name, suffix: ".jsonl") else {
                throw LedgerError(.corrupt, "\(layout.entriesDirectory)/\(name): not a segment file name")
            }
            seqs.append(seq)
        }
        guard seqs.first == 0 else {
            throw LedgerError(.corrupt, "\(layout.entriesDirectory): the first segment (\(LedgerLayout.padded(0)).jsonl) is missing")
        }
        self.firstSeqs = seqs
    }

    /// The segment holding `seq`.
    func segment(holding seq: UInt64) -> UInt64 {
        var low = 0
        var high = firstSeqs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firstSeqs[middle] <= seq { low = middle } else { high = middle - 1 }
        }
        return firstSeqs[low]
    }

    func path(firstSeq: UInt64) -> String { layout.segmentPath(firstSeq: firstSeq) }

    mutating func added(firstSeq: UInt64) {
        precondition(firstSeq > (firstSeqs.last ?? 0) || firstSeqs.isEmpty, "segments are added in order")
        firstSeqs.append(firstSeq)
    }

    mutating func removeSegments(from firstSeq: UInt64) throws {
        while let last = firstSeqs.last, last >= firstSeq, last > 0 {
            try FileSystem.remove(path(firstSeq: last))
            firstSeqs.removeLast()
        }
        try FileSystem.syncDirectory(layout.entriesDirectory)
    }
}
