/// The limits of entry schema v1. Lengths count Unicode scalar values (code points),
/// which every language can count the same way, unlike grapheme clusters.
public enum EntryLimits {
    /// The largest canonical entry, in bytes.
    public static let entryByteCountMax = 16_384
    /// `memo`: at most this many Unicode scalars.
    public static let memoScalarCountMax = 500
    /// Every other string: at most this many Unicode scalars.
    public static let stringScalarCountMax = 200
    /// `id`: 1…128 characters of `A-Z a-z 0-9 . _ : -`.
    public static let idByteCountMax = 128
}
