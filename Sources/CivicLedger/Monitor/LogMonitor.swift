/// One monitor check of a log against what this monitor saw before (`MonitorState`):
/// fetch the newest checkpoint; refuse a smaller one (rollback) or another root at the same
/// size (fork); read the new entries, decode each strictly, follow `key` entries from the
/// pinned key, and hash them onto the stored tree frontier, which must give the new root (so
/// the new tree extends the stored one: consistency without a proof, and the key chain
/// without trusting the source); check the signature under the key in force at its size;
/// refuse a log with no new checkpoint for longer than `maxAgeSeconds`; then store the new
/// state atomically. Each passed check is reported as one line; a failed one throws
/// `.corrupt` (exit 1) and leaves the state as it was.
public struct LogMonitor {
    public let source: LogSource
    public let pinned: NoteVerifier
    public let stateDirectory: String
    public let maxAgeSeconds: Int64?

    public init(source: LogSource, pinned: NoteVerifier, stateDirectory: String, maxAgeSeconds: Int64?) {
        self.source = source
        self.pinned = pinned
        self.stateDirectory = stateDirectory
        self.maxAgeSeconds = maxAgeSeconds
    }

    public func run(now: Int64, report: (String) -> Void) throws {
        guard FileSystem.isDirectory(stateDirectory) else {
            throw LedgerError(.usage, "\(stateDirectory) is not a directory (create it once; the monitor keeps its state there)")
        }
        let stored = try MonitorState.load(directory: stateDirectory, pinned: pinned)
        let note: SignedNote
        let checkpoint: Checkpoint
        do {
            note = try SignedNote.parse(try source.checkpointBytes())
            checkpoint = try Checkpoint(text: note.text)
        } catch let error as LedgerError where error.code != .io {
            throw LedgerError(.corrupt, "\(source.name): the checkpoint is malformed: \(error.message)")
        }
        guard checkpoint.origin == pinned.name else {
            throw LedgerError(.corrupt, "\(source.name): the checkpoint is for origin \(checkpoint.origin), not \(pinned.name)")
        }
        if let stored {
            let old = stored.checkpoint
            guard checkpoint.size >= old.size else {
                throw LedgerError(.corrupt, "rollback: \(source.name) shows size \(checkpoint.size), but size \(old.size) was seen before: history was cut back")
            }
            if checkpoint.size == old.size {
                try unchanged(checkpoint, stored: stored, note: note, now: now, report: report)
                return
            }
        }
        var keys = stored?.keys ?? KeyChain(pinned: pinned)
        var keyEntries = stored?.keyEntries ?? []
        var tree = stored?.tree ?? TreeBuilder()
        let start = UInt64(tree.size)
        let hasher = MerkleHasher()
        try source.entries(from: start, to: checkpoint.size) { seq, bytes in
            let entry: Entry
            do { entry = try Entry.decode(bytes) } catch let error as LedgerError {
                throw LedgerError(.corrupt, "\(source.name): entry \(seq): \(error.message)")
            }
            guard entry.seq == seq else { throw LedgerError(.corrupt, "\(source.name): entry \(seq) says seq \(entry.seq)") }
            if entry.body.kind == .key {
                do { try keys.follow(entry) } catch let error as LedgerError {
                    throw LedgerError(.corrupt, "bad key rotation: \(source.name): \(error.message)")
                }
                keyEntries.append(bytes)
            }
            _ = tree.append(leafHash: hasher.leafHash(bytes), hasher: hasher)
        }
        guard UInt64(tree.size) == checkpoint.size, tree.root(hasher: hasher) == checkpoint.root else {
            throw LedgerError(.corrupt, stored == nil
                ? "\(source.name): the entries do not hash to the root of the checkpoint at size \(checkpoint.size)"
                : "fork: the checkpoint at size \(checkpoint.size) does not extend the one at size \(start) seen before: history was rewritten")
        }
        try checkSignature(note, checkpoint, keys: keys, report: report)
        report(stored == nil
            ? "ok: consistency: first run, \(checkpoint.size) entries read and hashed to the root; this checkpoint is trusted from now on"
            : "ok: consistency: size \(checkpoint.size) extends size \(start) seen before (\(checkpoint.size - start) new entries read and hashed to the root)")
        try MonitorState(note: note, checkpoint: checkpoint, tree: tree, keyEntries: keyEntries, keys: keys,
                         seenUnixSeconds: now).save(directory: stateDirectory)
        report("ok: stored: \(stateDirectory)/\(MonitorState.fileName)")
    }

    /// The same size as before: the root must be the same (else a fork), and the log must
    /// not have stood still for longer than `maxAgeSeconds`.
    private func unchanged(_ checkpoint: Checkpoint, stored: MonitorState, note: SignedNote, now: Int64,
                           report: (String) -> Void) throws {
        guard checkpoint.root == stored.checkpoint.root else {
            throw LedgerError(.corrupt, "fork: \(source.name) shows another root at size \(checkpoint.size) than the one seen before: history was rewritten")
        }
        try checkSignature(note, checkpoint, keys: stored.keys, report: report)
        report("ok: consistency: size \(checkpoint.size), the same checkpoint as seen before")
        let (age, overflow) = now.subtractingReportingOverflow(stored.seenUnixSeconds)
        if let maxAgeSeconds, !overflow, age > maxAgeSeconds {
            throw LedgerError(.corrupt, "stale: no new checkpoint from \(source.name) for \(age) seconds, more than --max-age \(maxAgeSeconds)")
        }
        report("ok: freshness: this checkpoint was first seen \(overflow ? 0 : max(0, age)) seconds ago")
    }

    private func checkSignature(_ note: SignedNote, _ checkpoint: Checkpoint, keys: KeyChain, report: (String) -> Void) throws {
        do { try keys.check(note, size: checkpoint.size) } catch let error as LedgerError {
            throw LedgerError(.corrupt, "bad signature: \(source.name): the checkpoint at size \(checkpoint.size): \(error.message)")
        }
        report("ok: signature: \(checkpoint.origin) size \(checkpoint.size) signed by \(KeyChain.label(keys.verifier(forCheckpointSize: checkpoint.size)))"
            + (keys.rotations.isEmpty ? "" : " (after \(keys.rotations.count) key rotation\(keys.rotations.count == 1 ? "" : "s"))"))
    }
}
