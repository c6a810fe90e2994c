// Fuzz target `writer` (differential): each line through the in-place writer parse
// `EntryBody(writerLine:)` and through the tree path `EntryBody(writerJSON:
// CanonicalJSON.parse(line))`. Both must accept or both refuse; accepted bodies must be
// equal, refusals must carry the same error.
import CivicLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for line in bytes.split(separator: 0x0a, omittingEmptySubsequences: false).map(Array.init) {
        switch (outcome { try EntryBody(writerLine: line) }, outcome { try EntryBody(writerJSON: CanonicalJSON.parse(line)) }) {
        case (.success(let fast), .success(let reference)):
            guard fast == reference else { finding("the writer parses give different bodies") }
        case (.failure(let fast), .failure(let reference)):
            guard fast == reference else { finding("the writer parses refuse with different errors") }
        default:
            finding("one writer parse accepts what the other refuses")
        }
    }
    return 0
}

private func outcome(_ parse: () throws -> EntryBody) -> Result<EntryBody, LedgerError> {
    do { return .success(try parse()) } catch let error as LedgerError { return .failure(error) } catch {
        finding("a writer parse threw something other than LedgerError")
    }
}
