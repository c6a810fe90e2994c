// Fuzz target `entry`: Entry.decode on arbitrary bytes. An accepted entry must give back
// exactly the bytes it was decoded from (stored entries are canonical), and re-encoding
// its fields must give the same bytes.
import CivicLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    rejecting {
        let entry = try Entry.decode(bytes)
        guard entry.canonicalBytes() == bytes else { finding("decoded entry is not its own bytes") }
        if entry.body.kind != .key {
            let rebuilt = try Entry(seq: entry.seq, prev: entry.prev, time: entry.time, body: entry.body)
            guard rebuilt.canonicalBytes() == bytes else { finding("re-encoded entry differs from the decoded bytes") }
        }
        _ = entry.keyRotationMessage()
        let body = try EntryBody(writerJSON: entry.body.writerJSON())
        guard entry.body.kind == .key || body == entry.body else { finding("writer JSON of a stored entry reads back differently") }
    }
    return 0
}
