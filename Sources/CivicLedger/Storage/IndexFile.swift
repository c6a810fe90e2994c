/// The `index` file: for entry `seq`, 8 bytes at `8 × seq` holding the big-endian byte
/// offset of the entry within its segment. It answers "where is entry N" with one read.
enum IndexFile {
    static let recordByteCount = 8
    /// No segment is larger than this, so no stored offset is either; the bound keeps
    /// offset arithmetic far from Int64 overflow.
    static let offsetMax: UInt64 = 1 << 62

    static func encode(_ offset: UInt64, into bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: offset >> UInt64(shift)))
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        precondition(bytes.count == recordByteCount, "an index record is 8 bytes")
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func offset(of seq: UInt64, in handle: FileHandle) throws -> UInt64 {
        let bytes = try handle.read(at: Int64(seq) * Int64(recordByteCount), count: recordByteCount)
        guard bytes.count == recordByteCount else {
            throw LedgerError(.corrupt, "\(handle.path): no index record for seq \(seq)")
        }
        let offset = decode(bytes[...])
        guard offset <= offsetMax else {
            throw LedgerError.integrity(.store, "\(handle.path): the offset of seq \(seq) is \(offset), past any segment")
        }
        return offset
    }
}
