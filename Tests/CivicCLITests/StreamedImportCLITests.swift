import Foundation
import Testing

/// `civic import` of JSON Lines files larger than one part (4,096 entries): still one
/// batch, all or nothing, one checkpoint.
@Suite(.serialized) struct StreamedImportCLITests {
    static let partEntryCount = 4096

    static func donations(_ count: Int, from first: Int = 0) -> String {
        (first..<first + count).map { index in
            """
            {"kind":"donation","id":"d\(index)","date":"2025-01-03","fund":"GEN","amount":{"value":100,"currency":"CNY"},\
            "donor":{"ref":"D-1","type":"individual"},"form":"online","receipt":{"series":"R","number":\(index + 1)},"category":"other"}
            """
        }.joined(separator: "\n") + "\n"
    }

    static let fund = """
    {"kind":"fund","id":"f1","date":"2025-01-02","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}}
    """

    func expectNothingImported(_ workspace: CLIWorkspace, _ text: String, mentioning fragment: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try workspace.snapshot()
        let file = try workspace.write(text, to: "big.jsonl")
        let result = try workspace.importFile(file)
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try workspace.snapshot() == before, "files changed", sourceLocation: sourceLocation)
        #expect(try workspace.verify().status == 0, sourceLocation: sourceLocation)
    }

    @Test func aBadLineInALaterPartLeavesTheLedgerAsItWas() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let count = 2 * Self.partEntryCount + 10
        try expectNothingImported(workspace, Self.fund + "\n" + Self.donations(count) + "{\"kind\":\n",
                                  mentioning: "big.jsonl:\(count + 2): byte 8: unexpected end of input, expected a value (the entries written before it were cut back, nothing was acknowledged)")
    }

    @Test func anIdRepeatedAcrossPartsIsRefused() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let count = Self.partEntryCount + 10
        let text = Self.fund + "\n" + Self.donations(count) + Self.donations(1, from: 3).replacingOccurrences(of: "\"number\":4", with: "\"number\":99999")
        try expectNothingImported(workspace, text, mentioning: "big.jsonl:\(count + 2): STD-IDEMP:")
    }

    @Test func aReversalReachesBackIntoAnEarlierPart() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        // Seq 2 is the first donation, written with the first part; the reversal is in the second.
        let reversal = #"{"kind":"reversal","id":"rev-1","date":"2025-05-03","target":2,"reason":"paid twice"}"#
        let file = try workspace.write(Self.fund + "\n" + Self.donations(Self.partEntryCount + 10) + reversal + "\n", to: "big.jsonl")
        let result = try workspace.importFile(file)
        #expect(result.status == 0, "\(result.stderr)")
        let twice = try workspace.write(#"{"kind":"reversal","id":"rev-2","date":"2025-05-04","target":2,"reason":"again"}"# + "\n", to: "again.jsonl")
        let again = try workspace.importFile(twice)
        #expect(again.status == 2 && again.stderr.contains("again.jsonl:1:"), "\(again.status) \(again.stderr)")
        #expect(try workspace.verify().status == 0)
    }

    @Test func anOverlongLineIsNamedWithoutBeingHeld() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let long = "{\"kind\":\"" + String(repeating: "x", count: 40_000) + "\"}\n"
        try expectNothingImported(workspace, Self.fund + "\n" + long + Self.donations(3), mentioning: "big.jsonl:2: the line is over the 16384-byte limit")
    }

    @Test func anIdenticalRetryOfALargeFileWritesNothing() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        let count = Self.partEntryCount + 10
        let file = try workspace.write(Self.fund + "\n" + Self.donations(count), to: "big.jsonl")
        let first = try workspace.importFile(file)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("imported \(count + 1) entries, seq 1-\(count + 1)\n"), "\(first.stdout)")
        let before = try workspace.snapshot()
        let again = try workspace.importFile(file)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("\(count + 1) entries were already recorded"), "\(again.stdout)")
        #expect(try workspace.snapshot() == before)
        #expect(try workspace.verify().status == 0)
    }
}
