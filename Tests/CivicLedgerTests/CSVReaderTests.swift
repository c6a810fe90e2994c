import Testing
@testable import CivicLedger

@Suite struct CSVReaderTests {
    static func records(_ text: String) throws -> [CSVRecord] {
        try CSVReader.records(Array(text.utf8))
    }

    static func problem(_ bytes: [UInt8]) -> CSVProblem? {
        var reader = CSVReader(bytes: bytes)
        do {
            while try reader.nextRecord() != nil {}
            return nil
        } catch {
            return error
        }
    }

    @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\r\nline3\rline4\"\nplain,,\"\"\n"
        let records = try Self.records(text)
        #expect(records.map(\.fields) == [
            ["a", "b", "c"], ["x, y", "say \"hi\"", "line1\nline2\r\nline3\rline4"], ["plain", "", ""],
        ])
        // The third record starts on line 6: line 2 spans three line ends inside quotes.
        #expect(records.map(\.lineNumber) == [1, 2, 6])
    }

    @Test func crlfBomAndNoFinalNewline() throws {
        let bytes: [UInt8] = [0xef, 0xbb, 0xbf] + Array("kind,id\r\nfund,f1\r\ndonation,\"d\r\n2\"\r\nx,y".utf8)
        let records = try CSVReader.records(bytes)
        #expect(records.map(\.fields) == [["kind", "id"], ["fund", "f1"], ["donation", "d\r\n2"], ["x", "y"]])
        #expect(records.map(\.lineNumber) == [1, 2, 3, 5])
        #expect(try Self.records("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try Self.records("").isEmpty)
        #expect(try Self.records("\u{FEFF}").isEmpty)
        #expect(try Self.records("h\n\"\"\n") == [CSVRecord(lineNumber: 1, fields: ["h"]), CSVRecord(lineNumber: 2, fields: [""])])
    }

    @Test(arguments: [
        ("a,b\n1,x\"y\n", 2, "quote inside an unquoted field"),
        ("a,b\n1,\"x\"y\n", 2, "text after the closing quote"),
        ("a,b\n1,2\n\"open,3\nmore\n", 3, "never closed"),
        ("a,b\n1,2\n1,2,3\n", 3, "3 fields, but the header has 2"),
        ("a,b\n1,2\n3\n", 3, "1 fields, but the header has 2"),
        ("a,b\n\n", 2, "empty line"),
        ("a,b\n1,2\r3,4\n", 2, "carriage return without a line feed"),
        ("a,b\n\"1\n2\",x\"\n", 2, "quote inside an unquoted field"),
    ])
    func malformedRecordsNameTheirLine(text: String, line: Int, fragment: String) throws {
        let problem = try #require(Self.problem(Array(text.utf8)))
        #expect(problem.lineNumber == line)
        #expect(problem.description.contains(fragment), "\(problem)")
        #expect(problem.ledgerError.code == .invalidEntry)
        #expect(problem.ledgerError.message.hasPrefix("line \(line): "))
    }

    @Test func invalidUTF8AndLimits() throws {
        let bad = Self.problem(Array("a,b\n1,".utf8) + [0xff, 0x0a])
        #expect(bad?.lineNumber == 2 && bad?.column == "b" && bad?.reason == "invalid UTF-8")
        let long = String(repeating: "x", count: CSVReader.fieldByteCountMax + 1)
        #expect(Self.problem(Array("a\n\(long)\n".utf8))?.reason.contains("longer than") == true)
        #expect(try Self.records("a\n\(long.dropLast())\n").count == 2)
        let wide = Array(repeating: "c", count: CSVReader.columnCountMax + 1).joined(separator: ",")
        #expect(Self.problem(Array(wide.utf8))?.reason.contains("more than 200 fields") == true)
    }

    @Test func readingGoesOnAfterABadRecord() throws {
        var reader = CSVReader(bytes: Array("a,b\n1,x\"\n\"2\n\",3\n4,5,6\n7,8\n".utf8))
        var lines: [Int] = []
        var problems: [Int] = []
        while true {
            do {
                guard let record = try reader.next() else { break }
                lines.append(record.lineNumber)
            } catch let error as LedgerError {
                problems.append(Int(error.message.split(separator: " ")[1].dropLast())!)
            }
        }
        #expect(lines == [1, 3, 6])
        #expect(problems == [2, 5])
    }
}
