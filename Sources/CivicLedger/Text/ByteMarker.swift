/// A fast screen for a fixed byte string inside an entry's bytes: only entries holding it
/// are decoded (a plain byte loop; the generic `firstRange(of:)` made a receipt of a
/// 10,000-entry ledger take a second). In canonical JSON a member such as
/// `"kind":"reversal"` can only appear as that member: inside a string its quotes are escaped.
struct ByteMarker {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
        precondition(!bytes.isEmpty, "a marker is not empty")
    }

    func occurs(in haystackBytes: ArraySlice<UInt8>) -> Bool {
        haystackBytes.withUnsafeBufferPointer { haystack in
            bytes.withUnsafeBufferPointer { needle in
                guard haystack.count >= needle.count, let first = needle.first else { return false }
                var index = 0
                let last = haystack.count - needle.count
                while index <= last {
                    if haystack[index] == first {
                        var offset = 1
                        while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
