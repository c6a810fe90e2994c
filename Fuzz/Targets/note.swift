// Fuzz target `note`: SignedNote.parse and Checkpoint(text:). A parsed note must serialize
// back to its input bytes; verification under keys that signed nothing must fail.
import CivicLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    rejecting {
        let note = try SignedNote.parse(bytes)
        guard Array(note.serialized.utf8) == bytes else { finding("note does not serialize back to its bytes") }
        if (try? note.verify([strangerVerifier, impostorVerifier])) != nil { finding("note verified under a stranger's key") }
        _ = try? note.verify([seedVerifier])
        let checkpoint = try Checkpoint(text: note.text)
        guard checkpoint.text == note.text else { finding("checkpoint text does not round-trip") }
    }
    rejecting {
        let text = String(decoding: bytes, as: UTF8.self)
        let checkpoint = try Checkpoint(text: text)
        guard (try Checkpoint(text: checkpoint.text)) == checkpoint else { finding("checkpoint does not re-parse to itself") }
    }
    return 0
}
