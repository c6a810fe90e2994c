import Foundation
import Testing
@testable import CivicLedger

/// The in-place writer parse (`EntryBody(writerLine:)`) against the tree path it replaces
/// (`EntryBody(writerJSON: CanonicalJSON.parse(line))`) on many mutated writer lines: the
/// same verdict, the same body, and the same error, for every input.
@Suite struct WriterParseDifferentialTests {
    /// What a writer's line has and a stored entry has not: whitespace, members in any
    /// order, repeated keys (plain, escaped, in arrays), escapes a canonical entry never
    /// holds, many members, and ledger-assigned fields.
    static let fragments: [[UInt8]] = EntryCodecDifferentialTests.fragments + [
        " ", "\t", "\r\n", " : ", " , ", "\"id\":\"x\",", "\"kind\":\"fund\",", "\"memo\":\"m\",\"memo\":\"n\",",
        "\"\\u0069d\":\"y\",", "\"i\\u0064\":1,", "\"\\/\":0,", "\"a\\/b\":\"\\/\",", "[{\"a\":1,\"a\":2}]", "[{\"a\":1,\"b\":2}],",
        "\"seq\":1,", "\"v\":1,", "\"sig\":\"\",", "\"zz\":0,\"aa\":0,", "\"memo\":\"\\u00e9\\ud83d\\ude00\",",
        String(repeating: "\"k\":0,", count: 3) + (0..<40).map { "\"m\($0)\":0," }.joined(),
    ].map { Array($0.utf8) }

    static func seeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        let samples = SharedVectors.packageRoot.appendingPathComponent("Ledger/samples/charity-2025.jsonl")
        seeds += try String(contentsOf: samples, encoding: .utf8).split(separator: "\n").prefix(200).map { Array($0.utf8) }
        let corpus = SharedVectors.packageRoot.appendingPathComponent("Fuzz/corpus/jsonl")
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() {
            let file = Array(try Data(contentsOf: corpus.appendingPathComponent(name)))
            seeds += file.split(separator: 0x0a).map(Array.init)
        }
        // Stored entries: every one is refused as writer input (ledger-assigned fields).
        seeds += try EntryCodecDifferentialTests.seeds()
        return seeds
    }

    static func viaTree(_ line: [UInt8]) throws -> EntryBody {
        try EntryBody(writerJSON: CanonicalJSON.parse(line))
    }

    @Test func inPlaceWriterParseAgreesWithTreeParse() throws {
        let seeds = try Self.seeds()
        #expect(seeds.count >= 200)
        let (accepted, refused) = EntryCodecDifferentialTests.compare(seeds: seeds, seed: 0x0077_1e25, fragments: Self.fragments,
                                                                      EntryBody.init(writerLine:), Self.viaTree)
        // Both sides of the comparison are exercised: many inputs accepted, many refused.
        #expect(accepted >= 1_000)
        #expect(refused >= 20_000)
    }

    /// The cases the tape leaves to the tree parser, and repeats the tape finds itself,
    /// refused in the tree parser's words at the tree parser's place.
    @Test func repeatedAndEscapedKeysAreRefusedAsBefore() throws {
        let base = #"{"kind":"fund","id":"f1","date":"2025-01-08","fund":{"code":"GEN","name":"General","restriction":"unrestricted"}"#
        let cases = [
            base + #","id":"f2"}"#, base + #","\u0069d":"f2"}"#, base + #","memo":[{"a":1,"a":2}]}"#,
            base + #","x":{"b":1,"b":2}}"#, base + (0..<40).map { #","m\#($0)":0"# }.joined() + "}",
        ]
        for line in cases {
            let error = try #require(throws: LedgerError.self) { try EntryBody(writerLine: Array(line.utf8)) }
            #expect(throws: error) { try Self.viaTree(Array(line.utf8)) }
        }
        let repeated = try #require(throws: LedgerError.self) { try EntryBody(writerLine: Array((base + #","id":"f2"}"#).utf8)) }
        #expect(repeated.message == #"byte 113: duplicate object key "id""#)
    }
}
