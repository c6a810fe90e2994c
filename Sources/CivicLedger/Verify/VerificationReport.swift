/// What a successful verification established.
public struct VerificationReport: Sendable {
    public let origin: String
    /// Entries covered by the newest checkpoint, all checked.
    public let size: UInt64
    public let root: Hash32
    /// Kept checkpoints whose signature and root were checked.
    public let checkpointCount: Int
    /// Kept checkpoints without a signed link to the one before them (written before links
    /// existed): deleting one of those from below them is not detected.
    public let unlinkedCheckpointCount: Int
    /// The auditor's earlier checkpoint, when one was given and found consistent.
    public let heldCheckpointSize: UInt64?
    /// Bytes past the newest checkpoint in the entries, index and tree files: a write that
    /// was never acknowledged (a crash before its checkpoint). Not a failure; the next
    /// writer cuts it off.
    public let tailByteCount: Int64
    /// The signing keys followed from the pinned key through every `key` entry.
    public let keys: KeyChain
}
