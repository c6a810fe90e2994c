import Foundation
import Testing
@testable import CivicLedger

@Suite struct CurrencyCodeBytesTests {
    /// "\u{212A}RW" (KELVIN SIGN, canonically equivalent to "K") equals "KRW" as a Swift
    /// String; a stored entry spelling its currency that way must still be refused.
    @Test func kelvinSignIsNotK() throws {
        #expect("\u{212A}RW" == "KRW", "the premise: String equality is canonical equivalence")
        #expect(throws: LedgerError(.invalidEntry, "the currency is not a known ISO 4217 code")) { try Currency.named("\u{212A}RW") }
        #expect(try Currency.named("KRW").code == "KRW")
        let fixture = try #require(String(data: try Data(contentsOf: EntryFixtures.vectorsDirectory.appendingPathComponent("entries.jsonl")), encoding: .utf8))
        let line = try #require(fixture.split(separator: "\n").first { $0.contains("\"currency\":\"CNY\"") && $0.contains("\"kind\":\"donation\"") })
        let kelvin = Array(line.replacingOccurrences(of: "\"currency\":\"CNY\"", with: "\"currency\":\"\u{212A}RW\"").utf8)
        for decode in [Entry.decode, Entry.decodeViaTree] {
            #expect(throws: LedgerError.self) { try decode(kelvin) }
        }
    }
}
