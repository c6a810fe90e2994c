/// A store that finds its `key` entries without handing over every entry: a database
/// screens the rows on its side. `StoreLog` decodes and checks what it returns, and follows
/// each key entry only after its signatures verify, so a store that drops one makes the
/// later checkpoints fail (they are signed by a key it never learns) and cannot add one.
public protocol KeyEntryScreening {
    /// Seq and exact bytes of each committed entry in `range` whose bytes contain
    /// `"kind":"key"`, in seq order.
    func keyEntryCandidates(in range: Range<UInt64>) throws -> [(seq: UInt64, bytes: [UInt8])]
}
