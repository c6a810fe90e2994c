import Testing
@testable import CivicLedger

@Suite struct CanonicalJSONTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func rejects(_ input: [UInt8], _ fragment: String, canonical: Bool = false) {
        do {
            _ = canonical ? try CanonicalJSON.parseCanonical(input) : try CanonicalJSON.parse(input)
            Issue.record("accepted \(String(decoding: input, as: UTF8.self))")
        } catch let error as LedgerError {
            #expect(error.code == .invalidJSON)
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func sortsKeysByUTF16CodeUnits() throws {
        // RFC 8785 §3.2.3's example keys: UTF-16 order puts U+1F600 (D83D DE00) before U+FB33 (FB33).
        let input = "{\"\u{20ac}\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\","
            + "\"1\":\"One\",\"\u{1F600}\":\"Emoji: Grinning Face\",\"\u{0080}\":\"Control\",\"\u{00F6}\":\"Latin Small Letter O With Diaeresis\"}"
        let value = try CanonicalJSON.parse(bytes(input))
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{0080}\":\"Control\",\"\u{00F6}\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u{20ac}\":\"Euro Sign\",\"\u{1F600}\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        #expect(CanonicalJSON.encode(value) == bytes(expected))
        #expect(try CanonicalJSON.parseCanonical(bytes(expected)) == value)
    }

    @Test func escapesExactlyAsJCS() throws {
        let input = "[\"\\u0022\\u005c\\/\\b\\f\\n\\r\\t\\u0001\\u001F\\u007f\\u00e9\\u2028\\ud83d\\ude00\"]"
        let value = try CanonicalJSON.parse(bytes(input))
        let expected = "[\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\u{7f}\u{e9}\u{2028}\u{1F600}\"]"
        #expect(CanonicalJSON.encode(value) == bytes(expected))
        #expect(try CanonicalJSON.parseCanonical(bytes(expected)) == value)
    }

    @Test func encodesScalarsAndNesting() throws {
        let value = JSONValue.object([
            "b": .array([.integer(-9_007_199_254_740_991), .integer(0), .integer(9_007_199_254_740_991)]),
            "a": .object(["z": .null, "y": .bool(true), "x": .bool(false)]),
            "": .string("中文"),
        ])
        let expected = "{\"\":\"中文\",\"a\":{\"x\":false,\"y\":true,\"z\":null},\"b\":[-9007199254740991,0,9007199254740991]}"
        #expect(CanonicalJSON.encode(value) == bytes(expected))
        #expect(try CanonicalJSON.parseCanonical(bytes(expected)) == value)
        #expect(try CanonicalJSON.parse(bytes(" {\n\"a\" : [ 1 , 2 ] }\t")) == .object(["a": .array([.integer(1), .integer(2)])]))
    }

    @Test func rejectsNumbersOutsideTheIntegerSubset() {
        rejects(bytes("[1.0]"), "float")
        rejects(bytes("[1.5]"), "float")
        rejects(bytes("[1e3]"), "float")
        rejects(bytes("[1E3]"), "float")
        rejects(bytes("[-0]"), "negative zero")
        rejects(bytes("[01]"), "leading zero")
        rejects(bytes("[-]"), "'-' must be followed by a digit")
        rejects(bytes("[+1]"), "expected a value")
        rejects(bytes("[9007199254740992]"), "out of range")
        rejects(bytes("[-9007199254740992]"), "out of range")
        rejects(bytes("[123456789012345678901234567890]"), "out of range")
    }

    @Test func rejectsStructuralErrors() {
        rejects(bytes("{\"a\":1,\"a\":2}"), "byte 7: duplicate object key \"a\"")
        rejects(bytes("{\"a\":1,}"), "trailing comma")
        rejects(bytes("[1,]"), "trailing comma")
        rejects(bytes("{\"a\":1} x"), "byte 8: trailing data")
        rejects(bytes("{\"a\":1}{}"), "trailing data")
        rejects(bytes("{\"a\" 1}"), "expected ':'")
        rejects(bytes("{a:1}"), "expected a string key")
        rejects(bytes("[tru]"), "invalid literal")
        rejects(bytes(""), "unexpected end of input")
        rejects(bytes("[1"), "expected ',' or ']'")
        rejects([0xEF, 0xBB, 0xBF] + bytes("{}"), "expected a value")
    }

    @Test func rejectsBadStrings() {
        rejects(bytes("[\"a\u{01}b\"]"), "byte 3: unescaped control character")
        rejects(bytes("[\"a\nb\"]"), "unescaped control character")
        rejects(bytes("[\"\\ud800\"]"), "lone high surrogate")
        rejects(bytes("[\"\\ud800\\u0041\"]"), "lone high surrogate")
        rejects(bytes("[\"\\udc00\"]"), "lone low surrogate")
        rejects(bytes("[\"\\x\"]"), "invalid escape")
        rejects(bytes("[\"\\u12g4\"]"), "invalid hex digit")
        rejects(bytes("[\"abc"), "unterminated string")
        rejects(bytes("[\"") + [0xC3, 0x28] + bytes("\"]"), "byte 2: invalid UTF-8")
        rejects(bytes("[\"") + [0xC0, 0xAF] + bytes("\"]"), "cannot start a character")  // overlong '/'
        rejects(bytes("[\"") + [0xED, 0xA0, 0x80] + bytes("\"]"), "invalid UTF-8")  // encoded surrogate
        rejects(bytes("[\"") + [0xF4, 0x90, 0x80, 0x80] + bytes("\"]"), "invalid UTF-8")  // above U+10FFFF
        rejects(bytes("[\"") + [0xE4, 0xB8] + bytes("\"]"), "invalid UTF-8")
        rejects(bytes("[\"") + [0xFF] + bytes("\"]"), "cannot start a character")
    }

    @Test func rejectsDeepNesting() throws {
        let ok = String(repeating: "[", count: 16) + String(repeating: "]", count: 16)
        #expect(throws: Never.self) { try CanonicalJSON.parse(bytes(ok)) }
        let deep = String(repeating: "[", count: 17) + String(repeating: "]", count: 17)
        rejects(bytes(deep), "byte 16: nesting deeper than 16")
        rejects(bytes(String(repeating: "{\"a\":", count: 17) + "1" + String(repeating: "}", count: 17)), "nesting deeper")
        rejects(bytes(String(repeating: "[", count: 100_000)), "nesting deeper")
    }

    @Test func parseCanonicalRejectsOtherSpellings() {
        rejects(bytes("{\"b\":1,\"a\":2}"), "byte 7: key \"a\" is out of RFC 8785 order", canonical: true)
        rejects(bytes("{\"a\":1,\"a\":2}"), "out of RFC 8785 order (or repeated)", canonical: true)
        rejects(bytes("[\"\\u000a\"]"), "short escape", canonical: true)
        rejects(bytes("[\"\\u00e9\"]"), "writes literally", canonical: true)
        rejects(bytes("{\"a\": 1}"), "not canonical", canonical: true)
        rejects(bytes("{\"a\":1}\n"), "not canonical", canonical: true)
        rejects(bytes("[\"\\u0041\"]"), "not canonical", canonical: true)
        rejects(bytes("[\"\\/\"]"), "not canonical", canonical: true)
        rejects(bytes("[\"\\u001F\"]"), "not canonical", canonical: true)
        rejects(bytes("[1.0]"), "float", canonical: true)
    }
}
