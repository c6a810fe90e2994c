import Foundation
import Testing
@testable import CivicLedger

/// The typed readings of `TapeFieldReader` that match bytes in place (enumerations, dates,
/// digests) and the byte-indexed currency table, against the reference readings through a
/// `String`: every string value of the vector entries and sample writer lines is replaced by
/// values and near misses of each kind, and both paths must give the same verdict, value
/// and error.
@Suite struct TypedFieldDifferentialTests {
    /// JSON string contents (raw JSON text: `\u0063` is an escape).
    static let replacements: [String] = [
        "donation", "Donation", "donatio", "donations", "cash", "in-kind", "in_kind", "old-age-service", "urban", "rural",
        "individual", "organization", "\\u0063ash", "\u{212A}ey", "key", "transfer", "children", "market", "unrestricted",
        "2025-02-12", "2025-02-30", "2024-02-29", "2023-02-29", "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01",
        "0001-01-01", "9999-12-31", "0000-01-01", "2025-13-01", "2025-1-01", "2025/02/12", "\u{FF12}025-02-12", "2025-02-1\\u0032",
        String(repeating: "0", count: 64), String(repeating: "a", count: 64), String(repeating: "A", count: 64),
        String(repeating: "f", count: 63), String(repeating: "f", count: 65), String(repeating: "0", count: 63) + "g",
        "\\u0030" + String(repeating: "0", count: 63),
        "CNY", "cny", "JPY", "KWD", "XAU", "ABC", "\u{212A}RW", "KRW", "CN", "CNYY", "AAA", "ZZZ",
        "2025-10-10T08:00:00Z", "2025-02-30T08:00:00Z", "2025-10-10T24:00:00Z", "2025-10-10T08:00:00z",
        "", "x", "\u{E9}",
    ]

    /// Each line with the content of each of its string values replaced by each replacement.
    static func variants(of lines: [[UInt8]]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for line in lines {
            var index = 0
            // A string value starts after `":"`; its content runs to the next unescaped quote.
            while index + 3 <= line.count {
                guard line[index] == UInt8(ascii: "\""), line[index + 1] == UInt8(ascii: ":"), line[index + 2] == UInt8(ascii: "\"") else {
                    index += 1
                    continue
                }
                let start = index + 3
                var end = start
                while end < line.count, line[end] != UInt8(ascii: "\"") { end += line[end] == UInt8(ascii: "\\") ? 2 : 1 }
                guard end < line.count else { break }
                for replacement in replacements {
                    out.append(Array(line[..<start]) + Array(replacement.utf8) + Array(line[end...]))
                }
                index = end
            }
        }
        return out
    }

    static func lines(_ path: String, prefix: Int) throws -> [[UInt8]] {
        let text = try String(contentsOf: SharedVectors.packageRoot.appendingPathComponent(path), encoding: .utf8)
        return text.split(separator: "\n").prefix(prefix).map { Array($0.utf8) }
    }

    static func agree<Value: Equatable>(_ inputs: [[UInt8]], _ fast: ([UInt8]) throws -> Value,
                                        _ reference: ([UInt8]) throws -> Value) -> (accepted: Int, refused: Int) {
        var accepted = 0
        var refused = 0
        for input in inputs {
            let text = String(decoding: input, as: UTF8.self)
            switch (EntryCodecDifferentialTests.outcome(fast, input), EntryCodecDifferentialTests.outcome(reference, input)) {
            case (.success(let a), .success(let b)): #expect(a == b, "decoded values differ for \(text)"); accepted += 1
            case (.failure(let a), .failure(let b)): #expect(a == b, "errors differ for \(text)"); refused += 1
            case (let a, let b): Issue.record("verdicts differ (\(a), \(b)) for \(text)")
            }
        }
        return (accepted, refused)
    }

    @Test func storedEntriesDecodeAlikeWithReplacedValues() throws {
        let inputs = Self.variants(of: try Self.lines("Ledger/vectors/entries.jsonl", prefix: 1_000))
        let (accepted, refused) = Self.agree(inputs, Entry.decode, Entry.decodeViaTree)
        #expect(accepted >= 100)
        #expect(refused >= 1_000)
    }

    @Test func writerLinesParseAlikeWithReplacedValues() throws {
        let inputs = Self.variants(of: try Self.lines("Ledger/samples/charity-2025.jsonl", prefix: 60))
        let (accepted, refused) = Self.agree(inputs, EntryBody.init(writerLine:), WriterParseDifferentialTests.viaTree)
        #expect(accepted >= 100)
        #expect(refused >= 1_000)
    }

    /// The currency table read by bytes holds exactly the codes of the `String` table.
    @Test func currencyTableByBytesMatchesTheCodes() throws {
        let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }
        var found = 0
        for a in letters { for b in letters { for c in letters {
            let code = a + b + c
            let exponent = try? Currency.named(code).exponent
            #expect(exponent == ISO4217.exponents[code], "\(code)")
            if exponent != nil { found += 1 }
        } } }
        #expect(found == ISO4217.exponents.count)
    }
}
