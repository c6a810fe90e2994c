#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LedgerWriter {
    /// Creates a new ledger in `directory` (absent or empty) whose first entry is
    /// `genesis`, and signs its first checkpoint. The genesis must name the signer's key.
    public static func create(directory: String, genesis: EntryBody, signer: NoteSigner,
                              segmentByteCountMax: Int64 = LedgerWriter.segmentByteCountDefault) throws -> (LedgerWriter, AppendResult) {
        guard case .genesis(let details) = genesis.payload else {
            throw LedgerError(.invalidEntry, "the first entry of a ledger must be its genesis")
        }
        guard details.origin == signer.name, details.vkey == signer.verifier.vkey else {
            throw LedgerError(.invalidKey, "the genesis names origin \(details.origin) and key \(details.vkey), but the signing key is \(signer.verifier.vkey)")
        }
        let layout = LedgerLayout(directory: directory)
        try makeEmptyLedger(layout)
        let lock = try takeLock(layout)
        let segments = try SegmentSet(layout: layout)
        let state = try WriterState(
            size: 0, prev: .zero, lastTime: "", builder: TreeBuilder(), segments: segments,
            segmentHandle: try FileHandle.open(layout.segmentPath(firstSeq: 0), flags: O_RDWR),
            indexHandle: try FileHandle.open(layout.indexPath, flags: O_RDWR),
            treeHandle: try FileHandle.open(layout.treePath, flags: O_RDWR))
        let ids = try IdIndex.create(at: layout.idsPath)
        let writer = LedgerWriter(layout: layout, signer: signer, lock: lock, state: state, ids: ids,
                                  segmentByteCountMax: segmentByteCountMax)
        let result = try writer.append([genesis])
        try KeyIndex.write(layout, size: 1, seqs: [])
        return (writer, result)
    }

    static func makeEmptyLedger(_ layout: LedgerLayout) throws {
        if FileSystem.exists(layout.directory) {
            guard FileSystem.isDirectory(layout.directory) else {
                throw LedgerError(.notALedger, "\(layout.directory) exists and is not a directory")
            }
            guard try FileSystem.list(layout.directory).isEmpty else {
                throw LedgerError(.notALedger, "\(layout.directory) is not empty; a new ledger needs a new or empty directory")
            }
        } else {
            try FileSystem.makeDirectory(layout.directory)
        }
        try FileSystem.makeDirectory(layout.entriesDirectory)
        try FileSystem.makeDirectory(layout.checkpointsDirectory)
        for path in [layout.indexPath, layout.treePath, layout.segmentPath(firstSeq: 0)] {
            try FileSystem.createExclusive([], at: path, mode: 0o644)
        }
        try FileSystem.syncDirectory(layout.directory)
        try FileSystem.syncDirectory(FileSystem.parent(of: layout.directory))
    }

    /// Opens an existing ledger for writing: takes the lock, checks that `signer` signed
    /// the newest checkpoint, cuts back any unacknowledged tail, and restores the tree's
    /// right edge from the stored hashes (O(log n) reads, no rehashing).
    public static func open(directory: String, signer: NoteSigner,
                            segmentByteCountMax: Int64 = LedgerWriter.segmentByteCountDefault) throws -> LedgerWriter {
        let layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
        let lock = try takeLock(layout)
        let reader = try LedgerReader(directory: directory)
        let latest = try reader.newestCheckpoint(signedBy: signer)
        let state = try Recovery(layout: layout, segments: reader.segments, checkpoint: latest).run()
        let ids = try IdIndex.openCatchingUp(layout: layout, reader: reader)
        try KeyIndex.openCatchingUp(layout: layout, reader: reader)
        return LedgerWriter(layout: layout, signer: signer, lock: lock, state: state, ids: ids,
                            segmentByteCountMax: segmentByteCountMax)
    }
}
