// Fuzz target `codec` (differential): the in-place decoder `Entry.decode` against the
// reference tree decoder `Entry.decodeViaTree` on arbitrary bytes. Both must accept or
// both refuse; accepted entries must be equal, refusals must carry the same error.
import CivicLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch (outcome { try Entry.decode(bytes) }, outcome { try Entry.decodeViaTree(bytes) }) {
    case (.success(let fast), .success(let reference)):
        guard fast == reference else { finding("the decoders give different entries") }
    case (.failure(let fast), .failure(let reference)):
        guard fast == reference else { finding("the decoders refuse with different errors") }
    default:
        finding("one decoder accepts what the other refuses")
    }
    return 0
}

private func outcome(_ decode: () throws -> Entry) -> Result<Entry, LedgerError> {
    do { return .success(try decode()) } catch let error as LedgerError { return .failure(error) } catch {
        finding("a decoder threw something other than LedgerError")
    }
}
