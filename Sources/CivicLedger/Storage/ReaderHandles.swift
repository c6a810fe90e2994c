/// Open files a reader keeps between random reads (index, segments, id index), so reading
/// one entry by seq costs two preads rather than two opens as well. A reader and its
/// handles belong to one thread at a time.
final class ReaderHandles: @unchecked Sendable {
    private let layout: LedgerLayout
    private var index: FileHandle?
    private var segments: [UInt64: FileHandle] = [:]
    private var ids: IdIndex?

    init(layout: LedgerLayout) {
        self.layout = layout
    }

    func indexHandle() throws -> FileHandle {
        if let index { return index }
        let handle = try FileHandle.openForReading(layout.indexPath)
        index = handle
        return handle
    }

    func segment(firstSeq: UInt64) throws -> FileHandle {
        if let handle = segments[firstSeq] { return handle }
        // A handful of segments is all a random reader needs open at once.
        if segments.count >= 16 { segments.removeAll() }
        let handle = try FileHandle.openForReading(layout.segmentPath(firstSeq: firstSeq))
        segments[firstSeq] = handle
        return handle
    }

    func idIndex() throws -> IdIndex {
        if let ids { return ids }
        let index = try IdIndex.open(at: layout.idsPath, readOnly: true)
        ids = index
        return index
    }
}
