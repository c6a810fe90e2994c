import Foundation
import Testing

/// `civic import` of CSV files larger than one part (4,096 rows): streamed like JSON Lines,
/// still one batch, all or nothing, one checkpoint.
@Suite(.serialized) struct StreamedCSVImportCLITests {
    static let partEntryCount = 4096

    static func donations(_ count: Int, from first: Int = 0, number: ((Int) -> Int)? = nil) -> String {
        (first..<first + count).map { index in
            // Every 1,000th memo is quoted over two lines, so records straddle reads too.
            let memo = index % 1_000 == 0 ? "\"gift \(index),\r\nthanks\"" : ""
            return "donation,d\(index),2025-01-03,,,,GEN,1.00,CNY,D-1,individual,,online,R,\(number?(index) ?? index + 1),,other,\(memo)\r\n"
        }.joined()
    }

    static let fund = CSVImportCLITests.header + "\r\n" + "fund,f1,2025-01-02,GEN,General,unrestricted,,,,,,,,,,,,\r\n"

    @Test func aLargeFileImportsAsOneBatchAndARetryWritesNothing() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let count = 2 * Self.partEntryCount + 10
        let file = try workspace.write(Self.fund + Self.donations(count), to: "big.csv")
        let first = try workspace.importFile(file)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("imported \(count + 1) entries, seq 1-\(count + 1)\n"), "\(first.stdout)")
        #expect(try CLI.run(["show", workspace.ledger, "d8000"]).stdout.contains(#""memo":"gift 8000,\r\nthanks""#))
        let before = try workspace.snapshot()
        let again = try workspace.importFile(file)
        #expect(again.status == 0 && again.stdout.hasPrefix("\(count + 1) entries were already recorded"), "\(again.stdout)")
        #expect(try workspace.snapshot() == before)
        #expect(try workspace.verify().status == 0)
    }

    /// A ledger with a batch in it already, so the checkpoint and id index are not the first ones.
    static func workspaceWithABatch() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        let file = try workspace.write(Self.fund + Self.donations(3, from: 900_000), to: "first.csv")
        try #require(try workspace.importFile(file).status == 0)
        return workspace
    }

    @Test func aBadRowAfterSeveralPartsLeavesTheLedgerAsItWas() throws {
        let workspace = try Self.workspaceWithABatch()
        defer { workspace.remove() }
        let before = try workspace.snapshot()
        let count = 3 * Self.partEntryCount + 10
        // Line 1 is the header; donation i is on line i + 2, and the quoted memos add a line each.
        let bad = "donation,late,2025-01-03,,,,GEN,1.001,CNY,D-1,individual,,online,R,999999,,other,\r\n"
        let file = try workspace.write(CSVImportCLITests.header + "\r\n" + Self.donations(count) + bad, to: "big.csv")
        let result = try workspace.importFile(file)
        let line = count + 2 + count / 1_000 + 1
        #expect(result.status == 2)
        #expect(result.stderr == """
            \(file):\(line): amount: the amount has more than 2 decimal places for CNY
            civic: \(file): 1 bad row; the entries written before them were cut back, nothing was acknowledged

            """)
        #expect(try workspace.snapshot() == before, "files changed")
        #expect(try workspace.verify().status == 0)
    }

    @Test func anIdRepeatedAcrossPartsIsRefused() throws {
        let workspace = try Self.workspaceWithABatch()
        defer { workspace.remove() }
        let before = try workspace.snapshot()
        let count = Self.partEntryCount + 10
        let memoLines = count / 1_000 + 1
        // d3 again, past the first part; then an id of the earlier batch, the same entry, twice.
        let cases = [(Self.donations(count) + Self.donations(1, from: 3, number: { _ in 99_999 }), count + 2 + memoLines),
                     (Self.donations(1, from: 900_001) + Self.donations(count) + Self.donations(1, from: 900_001), count + 3 + memoLines)]
        for (rows, line) in cases {
            let file = try workspace.write(CSVImportCLITests.header + "\r\n" + rows, to: "big.csv")
            let result = try workspace.importFile(file)
            #expect(result.status != 0 && result.stderr.contains("big.csv:\(line): STD-IDEMP: entry "), "\(result.stderr)")
            #expect(result.stderr.contains("repeats the id"), "\(result.stderr)")
            #expect(try workspace.snapshot() == before, "files changed")
        }
        #expect(try workspace.verify().status == 0)
    }
}
