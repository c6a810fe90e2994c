// Fuzz target `jsonl`: a JSON Lines import file, line by line, through CanonicalJSON.parse
// and EntryBody(writerJSON:). Parsed JSON must survive encode → parseCanonical unchanged;
// an accepted body must survive writerJSON() → EntryBody(writerJSON:) unchanged.
import CivicLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for line in bytes.split(separator: 0x0a, omittingEmptySubsequences: false) {
        rejecting {
            let value = try CanonicalJSON.parse(Array(line))
            let encoded = CanonicalJSON.encode(value)
            let again: JSONValue
            do { again = try CanonicalJSON.parseCanonical(encoded) } catch {
                finding("canonical encoding does not parse as canonical: \(error)")
            }
            guard again == value else { finding("JSON value changed through encode and parse") }
            guard CanonicalJSON.encode(again) == encoded else { finding("canonical encoding is not stable") }
            let body = try EntryBody(writerJSON: value)
            guard body.kind != .key else { return }
            let back: EntryBody
            do { back = try EntryBody(writerJSON: body.writerJSON()) } catch {
                finding("an accepted body's writer JSON is refused: \(error)")
            }
            guard back == body else { finding("writer JSON round trip changed the body") }
        }
    }
    return 0
}
