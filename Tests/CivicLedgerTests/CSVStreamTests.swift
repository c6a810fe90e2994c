import Foundation
import Testing
@testable import CivicLedger

/// The CSV reader and entry stream reading a file a chunk and a part at a time give what
/// the whole-bytes reader gives, wherever the chunk boundaries fall.
@Suite struct CSVStreamTests {
    /// Everything the reader supports: a byte order mark, CRLF and LF, quoted fields holding
    /// commas, doubled quotes and CR, LF and CRLF, bad records the reader reads past, and
    /// a last row without a line end.
    static let tricky: [UInt8] = [0xef, 0xbb, 0xbf] + Array(("a,b,c\r\n"
        + "\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\r\nline3\rline4\"\r\n"
        + "1,x\"y,3\n" + "plain,,\"\"\n" + "\"open\"x,2,3\n" + "\"\r\n\",\"\"\"\",\r\n" + "1,2\r3,4,5\n" + "last,\"q\",z").utf8)

    /// Every outcome of reading `reader` to its end, the read error first.
    static func outcomes(_ reader: inout CSVReader) -> [String] {
        var outcomes: [String] = []
        while true {
            do throws(CSVProblem) {
                guard let record = try reader.nextRecord() else { break }
                outcomes.append("\(record.lineNumber): \(record.fields)")
            } catch {
                outcomes.append(error.description)
            }
        }
        if let error = reader.readError { outcomes.insert("read error: \(error.message)", at: 0) }
        return outcomes
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-stream-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [1, 2, 3, 4, 5, 7, 64])
    func aRecordStraddlingReadsReadsAsWhole(chunkByteCount: Int) throws {
        var whole = CSVReader(bytes: Self.tricky)
        let expected = Self.outcomes(&whole)
        #expect(expected.count == 9 && expected[0].hasPrefix("1: "), "\(expected)")
        let path = try Self.temporaryFile(Self.tricky)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var streamed = CSVReader(source: try ChunkReader(path: path), chunkByteCount: chunkByteCount)
        #expect(Self.outcomes(&streamed) == expected)
    }

    @Test func aByteOrderMarkSplitAcrossReadsIsSkippedAndAPartialOneIsKept() throws {
        for bytes in [[0xef, 0xbb, 0xbf] + Array("h\nv\n".utf8), [0xef, 0xbb] as [UInt8], Array("h".utf8)] {
            let path = try Self.temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var whole = CSVReader(bytes: bytes)
            var streamed = CSVReader(source: try ChunkReader(path: path), chunkByteCount: 1)
            #expect(Self.outcomes(&streamed) == Self.outcomes(&whole))
        }
    }

    static func csv(rows: Int) -> String {
        "kind,id,date,target,reason\n" + (1...rows).map { row in
            // Row 7 is bad (a date), row 9 repeats row 2's id; the reasons hold quoted newlines.
            let date = row == 7 ? "2025-01-0x" : "2025-01-02"
            return "reversal,\(row == 9 ? "r2" : "r\(row)"),\(date),1,\"why\r\nnot \(row)\"\r\n"
        }.joined()
    }

    @Test func partsOfAStreamGiveWhatTheWholeFileGives() throws {
        let bytes = Array(Self.csv(rows: 40).utf8)
        let file = CSVEntryFile(bytes: bytes, problemCountMax: 10)
        #expect(file.problems.map(\.description) == ["line 14: date: is not a date YYYY-MM-DD",
                                                     "line 18: id: r2 repeats the id of line 4"])
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var stream = try CSVEntryStream(path: path, chunkByteCount: 5)
        var lineOfID: [String: Int] = [:]
        var bodies: [EntryBody] = []
        var lines: [Int] = []
        var problems: [String] = []
        var partRows: [Int] = []
        while let part = try stream.readPart(rowCount: 6, problemCountMax: 10, lineOfID: &lineOfID) {
            bodies += part.bodies
            lines += part.lineNumbers
            problems += part.problems.map(\.description)
            partRows.append(part.rowCount)
        }
        #expect(partRows == [6, 6, 6, 6, 6, 6, 4])
        #expect(bodies == file.bodies && lines == file.lineNumbers && problems == file.problems.map(\.description))
        #expect(try stream.readPart(rowCount: 6, problemCountMax: 10, lineOfID: &lineOfID) == nil)
    }

    @Test func aHeaderProblemEndsTheStream() throws {
        let path = try Self.temporaryFile(Array("kind,id,nope\nfund,f1,x\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var stream = try CSVEntryStream(path: path)
        var lineOfID: [String: Int] = [:]
        let part = try #require(try stream.readPart(rowCount: 10, problemCountMax: 5, lineOfID: &lineOfID))
        #expect(part.problemCount == 1 && part.problems[0].description.contains("unknown column"))
        #expect(try stream.readPart(rowCount: 10, problemCountMax: 5, lineOfID: &lineOfID) == nil)
        let empty = try Self.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: empty) }
        var none = try CSVEntryStream(path: empty)
        #expect(try none.readPart(rowCount: 10, problemCountMax: 5, lineOfID: &lineOfID)?.problems.map(\.description)
                == ["line 1: empty file: no header row"])
    }
}
