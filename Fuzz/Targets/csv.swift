// Fuzz target `csv`: a CSV import file through CSVEntryFile (the importer's path) and
// through CSVReader + CSVEntryMapper record by record; both must agree on the good rows.
import CivicLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = CSVEntryFile(bytes: bytes, problemCountMax: 5)
    guard file.problems.count <= 5, file.problems.count <= file.problemCount else { finding("problems not bounded") }
    guard file.bodies.count == file.lineNumbers.count, file.bodies.count <= file.rowCount else { finding("row counts disagree") }
    var reader = CSVReader(bytes: bytes)
    rejecting {
        guard let header = try reader.next() else { return }
        let mapper = try CSVEntryMapper(header: header)
        var good: [EntryBody] = []
        while let record = try reader.next() {
            _ = try? mapper.writerJSON(for: record)
            if let body = try? mapper.entryBody(for: record) { good.append(body) }
        }
        if file.problemCount == 0 && good != file.bodies { finding("CSVEntryFile and CSVEntryMapper disagree on a clean file") }
    }
    return 0
}
