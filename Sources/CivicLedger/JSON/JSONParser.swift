/// A strict, single-pass RFC 8259 parser over a byte buffer. It validates UTF-8 as it
/// goes and builds a `String` only once per string token, straight from the input bytes
/// when the token has no escapes. Errors name the byte offset and what is wrong.
struct JSONParser {
    let buffer: UnsafeBufferPointer<UInt8>
    var index = 0
    /// In canonical mode the parser also rejects anything RFC 8785 would have written
    /// differently (whitespace, key order, escapes), so no re-encoding is needed to check.
    let canonical: Bool

    /// More digits than this cannot be within ±(2^53−1) (which has 16 digits).
    private static let integerDigitCountMax = 16

    init(_ buffer: UnsafeBufferPointer<UInt8>, canonical: Bool = false) {
        self.buffer = buffer
        self.canonical = canonical
    }

    mutating func parseDocument() throws -> JSONValue {
        try skipWhitespace()
        let value = try parseValue(depth: 0)
        try skipWhitespace()
        guard index == buffer.count else { throw failure(at: index, "trailing data after the JSON value") }
        return value
    }

    // MARK: Values

    mutating func parseValue(depth: Int) throws -> JSONValue {
        guard index < buffer.count else { throw failure(at: index, "unexpected end of input, expected a value") }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        default: throw failure(at: index, "unexpected \(describe(buffer[index])), expected a value")
        }
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        var members: [String: JSONValue] = [:]
        var previousKey: String?
        var key = ""
        var keyOffset = 0
        try walkObject(depth: depth, key: { parser in
            keyOffset = parser.index
            key = try parser.parseString()
            if parser.canonical, let previous = previousKey, !CanonicalJSONWriter.precedes(previous, key) {
                throw parser.failure(at: keyOffset, "key \"\(PersonalData.quotableName(key))\" is out of RFC 8785 order (or repeated): not canonical")
            }
            previousKey = key
        }, value: { parser in
            let value = try parser.parseValue(depth: depth)
            if members.updateValue(value, forKey: key) != nil {
                throw parser.failure(at: keyOffset, "duplicate object key \"\(PersonalData.quotableName(key))\"")
            }
        })
        return .object(members)
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        var elements: [JSONValue] = []
        try walkArray(depth: depth) { parser in elements.append(try parser.parseValue(depth: depth)) }
        return .array(elements)
    }

    /// The grammar of an object from its `{` to its `}`, shared by the tree parser and the
    /// tape scan: `key` reads one key (at its opening quote), `value` one member's value.
    mutating func walkObject(depth: Int, key: (inout JSONParser) throws -> Void, value: (inout JSONParser) throws -> Void) throws {
        guard depth <= CanonicalJSON.depthMax else {
            throw failure(at: index, "nesting deeper than \(CanonicalJSON.depthMax) levels")
        }
        index += 1  // {
        try skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            try skipWhitespace()
            try checkNotClosing(UInt8(ascii: "}"))
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else {
                throw failure(at: index, "expected a string key")
            }
            try key(&self)
            try skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure(at: index, "expected ':' after an object key") }
            try skipWhitespace()
            try value(&self)
            try skipWhitespace()
            if consume(UInt8(ascii: "}")) { return }
            guard consume(UInt8(ascii: ",")) else { throw failure(at: index, "expected ',' or '}' in an object") }
        }
    }

    /// The grammar of an array from its `[` to its `]`; `element` reads one element.
    mutating func walkArray(depth: Int, element: (inout JSONParser) throws -> Void) throws {
        guard depth <= CanonicalJSON.depthMax else {
            throw failure(at: index, "nesting deeper than \(CanonicalJSON.depthMax) levels")
        }
        index += 1  // [
        try skipWhitespace()
        if consume(UInt8(ascii: "]")) { return }
        while true {
            try skipWhitespace()
            try checkNotClosing(UInt8(ascii: "]"))
            try element(&self)
            try skipWhitespace()
            if consume(UInt8(ascii: "]")) { return }
            guard consume(UInt8(ascii: ",")) else { throw failure(at: index, "expected ',' or ']' in an array") }
        }
    }

    /// After a comma, a closing bracket means a trailing comma, which RFC 8259 forbids.
    func checkNotClosing(_ closing: UInt8) throws {
        if index < buffer.count, buffer[index] == closing {
            throw failure(at: index, "trailing comma before '\(Character(Unicode.Scalar(closing)))'")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard index + count <= buffer.count, buffer[index..<index + count].elementsEqual(expected) else {
            throw failure(at: index, "invalid literal, expected \(literal)")
        }
        index += count
    }

    // MARK: Numbers

    /// Integers only: `-`? (`0` | [1-9][0-9]*), within ±(2^53−1), never `-0`.
    mutating func parseInteger() throws -> Int64 {
        let start = index
        let negative = buffer[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digitsStart = index
        var magnitude: Int64 = 0
        while index < buffer.count, let digit = JSONParser.digitValue(buffer[index]) {
            guard index - digitsStart < JSONParser.integerDigitCountMax else {
                throw failure(at: start, "integer out of range ±(2^53−1)")
            }
            magnitude = magnitude * 10 + Int64(digit)
            index += 1
        }
        let digitCount = index - digitsStart
        guard digitCount > 0 else { throw failure(at: start, "'-' must be followed by a digit") }
        if digitCount > 1, buffer[digitsStart] == UInt8(ascii: "0") { throw failure(at: start, "integer with a leading zero") }
        try rejectFraction(numberStart: start)
        guard magnitude <= JSONValue.integerMagnitudeMax else { throw failure(at: start, "integer out of range ±(2^53−1)") }
        if negative && magnitude == 0 { throw failure(at: start, "negative zero (-0) is not allowed") }
        return negative ? -magnitude : magnitude
    }

    private func rejectFraction(numberStart: Int) throws {
        guard index < buffer.count else { return }
        switch buffer[index] {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            throw failure(at: numberStart, "float (fraction or exponent) is not allowed; use integer minor units")
        default:
            return
        }
    }

    private static func digitValue(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    // MARK: Strings

    mutating func parseString() throws -> String {
        let contentStart = index + 1
        let token = try scanString()
        guard token.escaped else {
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[contentStart..<token.contentEnd]), as: UTF8.self)
        }
        return try unescapedString(from: contentStart, to: token.contentEnd)
    }

    /// Steps over one string token, validating its UTF-8 and escapes, without building
    /// it: where its content ends (before the closing quote) and whether it has escapes.
    mutating func scanString() throws -> (contentEnd: Int, escaped: Bool) {
        let open = index
        index += 1  // "
        var escaped = false
        while true {
            // Most bytes are printable ASCII other than `"` and `\\`: step over them first,
            // eight at a time while none of the eight is anything else.
            while index + 8 <= buffer.count, JSONParser.isPlain(UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
            }
            while index < buffer.count, buffer[index] >= 0x20, buffer[index] < 0x80,
                  buffer[index] != UInt8(ascii: "\""), buffer[index] != UInt8(ascii: "\\") {
                index += 1
            }
            guard index < buffer.count else { throw failure(at: open, "unterminated string") }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (index - 1, escaped)
            } else if byte == UInt8(ascii: "\\") {
                var ignored: [UInt8] = []
                try parseEscape(into: &ignored)
                escaped = true
            } else if byte < 0x20 {
                throw failure(at: index, "unescaped control character \(describe(byte)) in a string")
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipMultiByteScalar()
            }
        }
    }

    /// Whether all eight bytes of `word` are in 0x20…0x7F and none is `"` or `\\` (the
    /// usual word tricks: each test has no false negative, and a false positive only sends
    /// the bytes to the byte-at-a-time loop).
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return word & highs == 0 && !below0x20 && !hasZero(word ^ (ones &* 0x22)) && !hasZero(word ^ (ones &* 0x5c))
    }

    /// The value of string content `start..<end` (already scanned) with its escapes decoded.
    mutating func unescapedString(from start: Int, to end: Int) throws -> String {
        var bytes: [UInt8] = []
        index = start
        var runStart = start
        while index < end {
            if buffer[index] == UInt8(ascii: "\\") {
                bytes.append(contentsOf: buffer[runStart..<index])
                try parseEscape(into: &bytes)
                runStart = index
            } else {
                index += 1
            }
        }
        bytes.append(contentsOf: buffer[runStart..<end])
        index = end + 1
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func parseEscape(into bytes: inout [UInt8]) throws {
        let start = index
        guard index + 1 < buffer.count else { throw failure(at: start, "unterminated escape") }
        let letter = buffer[index + 1]
        index += 2
        if canonical { try checkCanonicalEscape(letter, start: start) }
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(letter)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0c)
        case UInt8(ascii: "n"): bytes.append(0x0a)
        case UInt8(ascii: "r"): bytes.append(0x0d)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"): appendUTF8(try parseUnicodeEscape(start: start), to: &bytes)
        default: throw failure(at: start, "invalid escape \\\(describe(letter))")
        }
    }

    /// RFC 8785 escapes only `"`, `\\`, the five short control escapes, and other controls as
    /// `\u00xx` in lower-case hex; any other escape is valid JSON but not canonical.
    private func checkCanonicalEscape(_ letter: UInt8, start: Int) throws {
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
             UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            guard index + 4 <= buffer.count, buffer[index] == UInt8(ascii: "0"), buffer[index + 1] == UInt8(ascii: "0"),
                  let high = JSONParser.hexValue(buffer[index + 2]), high <= 1,
                  let low = JSONParser.hexValue(buffer[index + 3]),
                  !(buffer[index + 3] >= UInt8(ascii: "A") && buffer[index + 3] <= UInt8(ascii: "F")) else {
                throw failure(at: start, "\\u escape of a character that RFC 8785 writes literally: not canonical")
            }
            let value = high << 4 | low
            guard ![0x08, 0x09, 0x0a, 0x0c, 0x0d].contains(value) else {
                throw failure(at: start, "\\u escape where RFC 8785 has a short escape: not canonical")
            }
        default:
            throw failure(at: start, "escape \\\(describe(letter)) is not canonical")
        }
    }

    /// Reads the four hex digits after `\u` (and a second escape for a surrogate pair).
    private mutating func parseUnicodeEscape(start: Int) throws -> Unicode.Scalar {
        let first = try readHex4(escapeStart: start)
        if (0xDC00...0xDFFF).contains(first) { throw failure(at: start, "lone low surrogate escape") }
        guard (0xD800...0xDBFF).contains(first) else { return Unicode.Scalar(first)! }
        guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u") else {
            throw failure(at: start, "lone high surrogate escape")
        }
        index += 2
        let second = try readHex4(escapeStart: start)
        guard (0xDC00...0xDFFF).contains(second) else { throw failure(at: start, "lone high surrogate escape") }
        let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        return Unicode.Scalar(value)!
    }

    private mutating func readHex4(escapeStart: Int) throws -> UInt32 {
        guard index + 4 <= buffer.count else { throw failure(at: escapeStart, "truncated \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = JSONParser.hexValue(buffer[index + offset]) else {
                throw failure(at: escapeStart, "invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        UTF8.encode(scalar) { bytes.append($0) }
    }

    /// Validates one multi-byte UTF-8 sequence (Unicode Table 3-7: no overlongs, no
    /// surrogates, nothing above U+10FFFF) and steps over it.
    mutating func skipMultiByteScalar() throws {
        let lead = buffer[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw failure(at: index, "invalid UTF-8: \(describe(lead)) cannot start a character")
        }
        guard index + length <= buffer.count else { throw failure(at: index, "truncated UTF-8 sequence") }
        guard secondRange.contains(buffer[index + 1]) else { throw failure(at: index, "invalid UTF-8 sequence") }
        for offset in 2..<length where !(0x80...0xBF).contains(buffer[index + offset]) {
            throw failure(at: index, "invalid UTF-8 sequence")
        }
        index += length
    }

    // MARK: Helpers

    mutating func skipWhitespace() throws {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x09, 0x0a, 0x0d:
                if canonical { throw failure(at: index, "whitespace is not canonical RFC 8785 JSON") }
                index += 1
            default: return
            }
        }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard index < buffer.count, buffer[index] == byte else { return false }
        index += 1
        return true
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7f { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = Array("0123456789abcdef")
        return "byte 0x\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0f)])"
    }

    func failure(at offset: Int, _ what: String) -> LedgerError {
        LedgerError(.invalidJSON, "byte \(offset): \(what)")
    }
}
