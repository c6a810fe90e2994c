import Foundation
import Testing
@testable import CivicLedger

@Suite struct CSVEntryMapperTests {
    /// One data row (line 2) under a header of the given columns.
    static func map(_ cells: KeyValuePairs<String, String>) throws -> EntryBody {
        let mapper = try CSVEntryMapper(header: CSVRecord(lineNumber: 1, fields: cells.map(\.key)))
        return try mapper.entryBody(for: CSVRecord(lineNumber: 2, fields: cells.map(\.value)))
    }

    static func json(_ text: String) throws -> JSONValue {
        try CanonicalJSON.parse(Array(text.utf8))
    }

    static func expectError(_ cells: KeyValuePairs<String, String>, _ prefix: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try map(cells)
            Issue.record("no error, expected \(prefix)", sourceLocation: sourceLocation)
        } catch let error as LedgerError {
            #expect(error.code == .invalidEntry, sourceLocation: sourceLocation)
            #expect(error.message.hasPrefix(prefix), "\(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func fund() throws {
        let body = try Self.map(["kind": "fund", "id": "f1", "date": "2025-01-02", "fund.code": "R-CHILD",
                                 "fund.name": "Children, \"left behind\"", "fund.restriction": "restricted",
                                 "fund.purpose": "children", "fund.filing": "", "fund": "", "amount": "", "currency": "CNY"])
        #expect(body.writerJSON() == (try Self.json("""
            {"kind":"fund","id":"f1","date":"2025-01-02","fund":{"code":"R-CHILD","name":"Children, \\"left behind\\"",\
            "restriction":"restricted","purpose":"children"}}
            """)))
    }

    @Test func donations() throws {
        let named = try Self.map(["kind": "donation", "id": "d1", "date": "2025-03-01", "memo": "99 Giving Day", "fund": "GEN",
                                  "amount": "500.5", "currency": "CNY", "donor.ref": "P-1", "donor.type": "individual",
                                  "donor.anonymous": "", "form": "online", "receipt.series": "R2025", "receipt.number": "7",
                                  "receipt.declined": "", "category": "assistance", "region.code": "110105", "region.area": "urban"])
        #expect(named.writerJSON() == (try Self.json("""
            {"kind":"donation","id":"d1","date":"2025-03-01","memo":"99 Giving Day","fund":"GEN",\
            "amount":{"value":50050,"currency":"CNY"},"donor":{"ref":"P-1","type":"individual"},"form":"online",\
            "receipt":{"series":"R2025","number":7},"category":"assistance","region":{"code":"110105","area":"urban"}}
            """)))
        let inKind = try Self.map(["kind": "donation", "id": "d2", "date": "2025-03-02", "fund": "GEN", "amount": "1200",
                                   "currency": "JPY", "donor.anonymous": "true", "form": "in-kind",
                                   "in_kind.description": "Quilts", "in_kind.valuation": "1200", "receipt.declined": "true",
                                   "category": "other"])
        #expect(inKind.writerJSON() == (try Self.json("""
            {"kind":"donation","id":"d2","date":"2025-03-02","fund":"GEN","amount":{"value":1200,"currency":"JPY"},\
            "donor":{"anonymous":true},"form":"in-kind","in_kind":{"description":"Quilts","valuation":{"value":1200,\
            "currency":"JPY"}},"receipt":{"declined":true},"category":"other"}
            """)))
    }

    @Test func contribution() throws {
        let body = try Self.map(["kind": "contribution", "id": "c1", "date": "2025-04-01", "contributor.ref": "E-9",
                                 "contributor.type": "enterprise", "participant.ref": "P-2", "scheme": "enterprise-annuity",
                                 "tier": "2", "mechanism": "market", "amount": "1200.00", "currency": "CNY",
                                 "split.employer": "800", "split.employee": "400.00", "wage_base": "15000",
                                 "category": "pension", "fund": ""])
        #expect(body.writerJSON() == (try Self.json("""
            {"kind":"contribution","id":"c1","date":"2025-04-01","contributor":{"ref":"E-9","type":"enterprise"},\
            "participant":{"ref":"P-2"},"scheme":"enterprise-annuity","tier":2,"mechanism":"market",\
            "amount":{"value":120000,"currency":"CNY"},"split":{"employer":80000,"employee":40000},\
            "wage_base":{"value":1500000,"currency":"CNY"},"category":"pension"}
            """)))
        let zeroSplit = try Self.map(["kind": "contribution", "id": "c2", "date": "2025-04-01", "contributor.ref": "E-9",
                                      "contributor.type": "enterprise", "scheme": "csr-programme", "tier": "3",
                                      "mechanism": "charity", "amount": "10", "currency": "CNY", "split.employer": "10",
                                      "split.employee": "0.00", "category": "other", "fund": "GEN"])
        guard case .contribution(let details) = zeroSplit.payload else { Issue.record("not a contribution"); return }
        #expect(details.split == .init(employer: 1000, employee: 0))
        #expect(details.fund == "GEN")
    }

    @Test func disbursementTransferReversal() throws {
        let paid = try Self.map(["kind": "disbursement", "id": "p1", "date": "2025-05-01", "fund": "R-CHILD", "amount": "36000",
                                 "currency": "CNY", "category": "children", "expense": "charitable",
                                 "beneficiary.group": "Three village schools", "project": "Q2 meals"])
        #expect(paid.writerJSON() == (try Self.json("""
            {"kind":"disbursement","id":"p1","date":"2025-05-01","fund":"R-CHILD","amount":{"value":3600000,"currency":"CNY"},\
            "category":"children","expense":"charitable","beneficiary":{"group":"Three village schools"},"project":"Q2 meals"}
            """)))
        let moved = try Self.map(["kind": "transfer", "id": "t1", "date": "2025-05-02", "from": "GEN", "to": "R-CHILD",
                                  "amount": "10000.00", "currency": "CNY", "authority.type": "board", "authority.ref": "BR-4"])
        #expect(moved.writerJSON() == (try Self.json("""
            {"kind":"transfer","id":"t1","date":"2025-05-02","from":"GEN","to":"R-CHILD",\
            "amount":{"value":1000000,"currency":"CNY"},"authority":{"type":"board","ref":"BR-4"}}
            """)))
        let undone = try Self.map(["kind": "reversal", "id": "r1", "date": "2025-05-03", "target": "3", "reason": "Entered twice",
                                   "currency": ""])
        #expect(undone.writerJSON() == (try Self.json("""
            {"kind":"reversal","id":"r1","date":"2025-05-03","target":3,"reason":"Entered twice"}
            """)))
    }

    @Test func decimalConversionErrors() {
        func cells(_ amount: String, _ currency: String) -> KeyValuePairs<String, String> {
            ["kind": "transfer", "id": "t1", "date": "2025-05-02", "from": "GEN", "to": "R", "authority.type": "board",
             "authority.ref": "BR", "amount": amount, "currency": currency]
        }
        Self.expectError(cells("500.001", "CNY"), "line 2: amount: the amount has more than 2 decimal places for CNY")
        Self.expectError(cells("1.5", "JPY"), "line 2: amount: ")
        Self.expectError(cells("1,000", "CNY"), "line 2: amount: ")
        Self.expectError(cells("-5", "CNY"), "line 2: amount: ")
        Self.expectError(cells("0", "CNY"), "line 2: amount: ")
        Self.expectError(cells("5", ""), "line 2: amount: an amount needs the row's currency column")
        Self.expectError(cells("5", "XYZ"), "line 2: currency: ")
        Self.expectError(cells("5", "XAU"), "line 2: currency: ")
    }

    @Test func typedColumnErrors() {
        Self.expectError(["kind": "reversal", "id": "r", "date": "2025-01-01", "target": "-1", "reason": "x"], "line 2: target: ")
        Self.expectError(["kind": "reversal", "id": "r", "date": "2025-01-01", "target": "07", "reason": "x"], "line 2: target: ")
        Self.expectError(["kind": "reversal", "id": "r", "date": "2025-01-01", "target": "9007199254740992", "reason": "x"],
                         "line 2: target: ")
        Self.expectError(["kind": "donation", "id": "d", "date": "2025-01-01", "donor.anonymous": "yes"], "line 2: donor.anonymous: ")
        Self.expectError(["kind": "donation", "id": "d", "date": "2025-01-01", "receipt.declined": "TRUE"], "line 2: receipt.declined: ")
        // Schema errors name the column: a missing receipt lists the columns that make one.
        Self.expectError(["kind": "donation", "id": "d", "date": "2025-01-01", "fund": "GEN", "amount": "5", "currency": "CNY",
                          "donor.anonymous": "true", "form": "cash", "category": "other"],
                         "line 2: receipt: required field is missing (columns receipt.series, receipt.number, receipt.declined)")
        Self.expectError(["kind": "fund", "id": "f", "date": "2025-01-01", "fund.code": "X", "fund.name": "X",
                          "fund.restriction": "restricted"], "line 2: fund.purpose: required for a restricted fund")
        Self.expectError(["kind": "fund", "id": "f", "date": "2025-01-01", "fund": "GEN", "fund.code": "X"], "line 2: fund.code: conflicts")
        Self.expectError(["kind": "teleport", "id": "f", "date": "2025-01-01"], "line 2: kind: is not one of")
        Self.expectError(["kind": "fund", "id": "bad id", "date": "2025-01-01"], "line 2: id: ")
    }

    @Test func genesisAndKeyAreRefused() {
        Self.expectError(["kind": "genesis", "id": "g", "date": "2025-01-01"], "line 2: kind: genesis entries are not imported")
        Self.expectError(["kind": "key", "id": "k", "date": "2025-01-01"], "line 2: kind: key rotation entries are not imported")
    }

    @Test func headersAreChecked() {
        func header(_ names: [String]) throws { _ = try CSVEntryMapper(header: CSVRecord(lineNumber: 1, fields: names)) }
        #expect(throws: LedgerError(.invalidEntry, "line 1: unknown column \"donor.name\" (Ledger/SPEC.md, \"CSV import\", lists the known columns)")) {
            try header(["kind", "id", "date", "donor.name"])
        }
        #expect(throws: LedgerError(.invalidEntry, "line 1: unknown column \"seq\" (Ledger/SPEC.md, \"CSV import\", lists the known columns)")) {
            try header(["kind", "id", "date", "seq"])
        }
        #expect(throws: LedgerError(.invalidEntry, "line 1: amount: column appears twice in the header")) {
            try header(["kind", "id", "date", "amount", "amount"])
        }
        #expect(throws: LedgerError(.invalidEntry, "line 1: the header has no date column")) { try header(["kind", "id"]) }
        #expect(throws: Never.self) { try header(CSVColumn.known.map(\.name)) }
    }

    @Test func wholeFilesListEveryBadRow() {
        let text = "kind,id,date,target,reason\nreversal,r1,2025-01-01,1,x\nreversal,r1,2025-01-01,2,y\n"
            + "reversal,r3,2025-13-01,3,z\nreversal,r4,2025-01-01,\"4\nreversal,r5,2025-01-01,5,w\n"
        let file = CSVEntryFile(bytes: Array(text.utf8), problemCountMax: 2)
        #expect(file.rowCount == 4)
        #expect(file.problemCount == 3)
        #expect(file.problems.map(\.description) == ["line 3: id: r1 repeats the id of line 2",
                                                     "line 4: date: is not a calendar date"])
        #expect(CSVEntryFile(bytes: []).problems.map(\.description) == ["line 1: empty file: no header row"])
    }

    @Test func generatedSamplesImport() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Ledger/samples")
        var ids: Set<String> = []
        var kinds: Set<EntryKind> = []
        for year in ["2024", "2025"] {
            let bytes = [UInt8](try Data(contentsOf: samples.appendingPathComponent("foundation-\(year).csv")))
            let file = CSVEntryFile(bytes: bytes)
            #expect(file.problems.isEmpty, "\(year): \(file.problems.prefix(3))")
            #expect(file.bodies.count == file.rowCount && file.rowCount > 5000)
            for body in file.bodies {
                #expect(ids.insert(body.id).inserted)
                kinds.insert(body.kind)
            }
        }
        #expect(kinds == Set(EntryKind.allCases).subtracting([.genesis, .key, .backfill]))
    }
}
