/// A strict, single-pass RFC 8259 parser over a byte buffer. It validates UTF-8 as it
/// goes and builds a `String` only once per string token, straight from the input bytes
/// when the token has no escapes. Errors name the byte offset and what is wrong.
struct JSONParser {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// In canonical mode the parser also rejects anything RFC 8785 would have written
    /// differently (whitespace, key order, escapes), so no re-encoding is needed to check.
    private let canonical: Bool

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

    private mutating func parseValue(depth: Int) throws -> JSONValue {
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
        guard depth <= CanonicalJSON.depthMax else {
            throw failure(at: index, "nesting deeper than \(CanonicalJSON.depthMax) levels")
        }
        index += 1  // {
        var members: [String: JSONValue] = [:]
        var previousKey: String?
        try skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            try skipWhitespace()
            try checkNotClosing(UInt8(ascii: "}"))
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else {
                throw failure(at: index, "expected a string key")
            }
            let keyOffset = index
            let key = try parseString()
            if canonical, let previous = previousKey, !CanonicalJSONWriter.precedes(previous, key) {
                throw failure(at: keyOffset, "key \"\(PersonalData.quotableName(key))\" is out of RFC 8785 order (or repeated): not canonical")
            }
            previousKey = key
            try skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure(at: index, "expected ':' after an object key") }
            try skipWhitespace()
            let value = try parseValue(depth: depth)
            if members.updateValue(value, forKey: key) != nil {
                throw failure(at: keyOffset, "duplicate object key \"\(PersonalData.quotableName(key))\"")
            }
            try skipWhitespace()
            if consume(UInt8(ascii: "}")) { return .object(members) }
            guard consume(UInt8(ascii: ",")) else { throw failure(at: index, "expected ',' or '}' in an object") }
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        guard depth <= CanonicalJSON.depthMax else {
            throw failure(at: index, "nesting deeper than \(CanonicalJSON.depthMax) levels")
        }
        index += 1  // [
        var elements: [JSONValue] = []
        try skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            try skipWhitespace()
            try checkNotClosing(UInt8(ascii: "]"))
            elements.append(try parseValue(depth: depth))
            try skipWhitespace()
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            guard consume(UInt8(ascii: ",")) else { throw failure(at: index, "expected ',' or ']' in an array") }
        }
    }

    /// After a comma, a closing bracket means a trailing comma, which RFC 8259 forbids.
    private func checkNotClosing(_ closing: UInt8) throws {
        if index < buffer.count, buffer[index] == closing {
            throw failure(at: index, "trailing comma before '\(Character(Unicode.Scalar(closing)))'")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard index + count <= buffer.count, buffer[index..<index + count].elementsEqual(expected) else {
            throw failure(at: index, "invalid literal, expected \(literal)")
        }
        index += count
    }

    // MARK: Numbers

    /// Integers only: `-`? (`0` | [1-9][0-9]*), within ±(2^53−1), never `-0`.
    private mutating func parseInteger() throws -> Int64 {
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

    private mutating func parseString() throws -> String {
        let open = index
        index += 1  // "
        var runStart = index
        var unescaped: [UInt8]? = nil
        while true {
            guard index < buffer.count else { throw failure(at: open, "unterminated string") }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: buffer[runStart..<index])
                index += 1
                guard var bytes = unescaped else { return String(decoding: run, as: UTF8.self) }
                bytes.append(contentsOf: run)
                return String(decoding: bytes, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                var bytes = unescaped ?? []
                bytes.append(contentsOf: buffer[runStart..<index])
                try parseEscape(into: &bytes)
                unescaped = bytes
                runStart = index
            } else if byte < 0x20 {
                throw failure(at: index, "unescaped control character \(describe(byte)) in a string")
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipMultiByteScalar()
            }
        }
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
    private mutating func skipMultiByteScalar() throws {
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

    private mutating func skipWhitespace() throws {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x09, 0x0a, 0x0d:
                if canonical { throw failure(at: index, "whitespace is not canonical RFC 8785 JSON") }
                index += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < buffer.count, buffer[index] == byte else { return false }
        index += 1
        return true
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7f { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = Array("0123456789abcdef")
        return "byte 0x\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0f)])"
    }

    private func failure(at offset: Int, _ what: String) -> LedgerError {
        LedgerError(.invalidJSON, "byte \(offset): \(what)")
    }
}
