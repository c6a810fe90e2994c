import Foundation
import Testing
@testable import CivicLedger

/// The in-place decoder (`Entry.decode`) against the reference tree decoder
/// (`Entry.decodeViaTree`) on many mutated entries: the same verdict, the same decoded
/// value, and the same error, for every input.
@Suite struct EntryCodecDifferentialTests {
    /// Byte strings a mutation splices in: JSON structure, escapes (canonical and not),
    /// UTF-8 edge cases, a Kelvin sign (canonically equal to "K"), big integers.
    static let fragments: [[UInt8]] = [
        "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", "-0", " ", "\\n", "\\u0000", "\\u000a", "\\u001F", "\\/",
        "\\ud83d\\ude00", "\\udc00", "é", "\u{212A}", "\u{FFFF}", "😀", "9007199254740991", "9007199254740992", "1.5", "1e3",
        "null", "true", "false", "[]", "{}", "\"x\":1,", "\"a\":\"b\",", "\"memo\":\"m\",", "\"z\":{},",
        "\"e\u{0301}\":1,\"\u{E9}\":1,", "\"\u{212A}\":0,", "\"a\\u0000\":0,\"a\\u001f\":0,",
    ].map { Array($0.utf8) } + [[0x80], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xee, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]]

    static func seeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        let valid = try String(contentsOf: EntryFixtures.vectorsDirectory.appendingPathComponent("entries.jsonl"), encoding: .utf8)
        seeds += valid.split(separator: "\n").map { Array($0.utf8) }
        for vector in try VectorRunnerTests.vectors("invalid-entries.jsonl") {
            if case .text(let line) = vector.line { seeds.append(Array(line.utf8)) }
        }
        let corpus = SharedVectors.packageRoot.appendingPathComponent("Fuzz/corpus/entry")
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() {
            seeds.append(Array(try Data(contentsOf: corpus.appendingPathComponent(name))))
        }
        return seeds
    }

    /// One of: flip a bit, set a byte, delete a run, duplicate a run, splice a fragment
    /// anywhere or as the first member of an object (where a key pair's order matters).
    static func mutate(_ input: [UInt8], _ random: inout SplitMix64, fragments: [[UInt8]] = fragments) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(3) {
            guard !bytes.isEmpty else { return fragments[random.below(fragments.count)] }
            let at = random.below(bytes.count)
            switch random.below(6) {
            case 0: bytes[at] ^= UInt8(1) << UInt8(random.below(8))
            case 1: bytes[at] = fragments[random.below(fragments.count)][0]
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(8)))
            case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + random.below(16))], at: at)
            case 4: bytes.insert(contentsOf: fragments[random.below(fragments.count)], at: at)
            default:
                let opens = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") }
                guard !opens.isEmpty else { continue }
                bytes.insert(contentsOf: fragments[random.below(fragments.count)], at: opens[random.below(opens.count)] + 1)
            }
        }
        return bytes
    }

    static func outcome<Value>(_ decode: ([UInt8]) throws -> Value, _ bytes: [UInt8]) -> Result<Value, LedgerError> {
        do { return .success(try decode(bytes)) } catch let error as LedgerError { return .failure(error) } catch {
            Issue.record("a decoder threw a non-LedgerError: \(error)")
            return .failure(LedgerError(.invalidEntry, "\(error)"))
        }
    }

    /// Runs 40,000 inputs (the seeds, then mutations of them) through both decoders, records
    /// every difference in verdict, value or error, and counts the accepted and refused.
    static func compare<Value: Equatable>(seeds: [[UInt8]], seed: UInt64, fragments: [[UInt8]] = fragments,
                                          _ fast: ([UInt8]) throws -> Value, _ reference: ([UInt8]) throws -> Value) -> (accepted: Int, refused: Int) {
        var random = SplitMix64(seed: seed)
        var accepted = 0
        var refused = 0
        for round in 0..<40_000 {
            let seedInput = seeds[round % seeds.count]
            let input = round < seeds.count ? seedInput : mutate(seedInput, &random, fragments: fragments)
            let text = String(decoding: input, as: UTF8.self)
            switch (outcome(fast, input), outcome(reference, input)) {
            case (.success(let a), .success(let b)): #expect(a == b, "decoded values differ for \(text)"); accepted += 1
            case (.failure(let a), .failure(let b)): #expect(a == b, "errors differ for \(text)"); refused += 1
            case (let a, let b): Issue.record("verdicts differ (\(a), \(b)) for \(text)")
            }
        }
        return (accepted, refused)
    }

    @Test func inPlaceDecoderAgreesWithTreeDecoder() throws {
        let seeds = try Self.seeds()
        #expect(seeds.count >= 40)
        let (accepted, refused) = Self.compare(seeds: seeds, seed: 0x5eed_c0de, Entry.decode, Entry.decodeViaTree)
        // Both sides of the comparison are exercised: many inputs accepted, many refused.
        #expect(accepted >= 30)
        #expect(refused >= 20_000)
    }
}

/// A small deterministic generator (Steele, Lea, Flood: SplitMix64), so a failure repeats.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
