/// The canonical scan that records a `CanonicalTape` instead of building a `JSONValue`.
/// It applies exactly the checks of `parseDocument()` in canonical mode, in the same order
/// and with the same messages (it calls the same helpers), so both paths reject the same
/// bytes in the same words.
extension JSONParser {
    /// Scans the whole document into `tape` (slot 0 is the root). Throws
    /// `CanonicalTape.NonASCIIKey` at the first key outside ASCII, for the caller to hand
    /// the document to the tree parser instead.
    mutating func scanCanonical(into tape: inout CanonicalTape) throws {
        assert(canonical, "the tape is only for canonical documents")
        try skipWhitespace()
        try scanValue(depth: 0, slot: tape.append(), tape: &tape)
        try skipWhitespace()
        guard index == buffer.count else { throw failure(at: index, "trailing data after the JSON value") }
    }

    /// Scans one value; records it into `slot` unless `slot` is -1 (inside an array).
    private mutating func scanValue(depth: Int, slot: Int32, tape: inout CanonicalTape) throws {
        guard index < buffer.count else { throw failure(at: index, "unexpected end of input, expected a value") }
        var type = CanonicalTape.ValueType.null
        var integer: Int64 = 0
        var first: Int32 = -1
        var stringStart = 0
        var stringEnd = 0
        var escaped = false
        switch buffer[index] {
        case UInt8(ascii: "{"): type = .object; first = try scanObject(depth: depth + 1, record: slot >= 0, tape: &tape)
        case UInt8(ascii: "["): type = .array; try scanArray(depth: depth + 1, tape: &tape)
        case UInt8(ascii: "\""):
            type = .string
            stringStart = index + 1
            (stringEnd, escaped) = try scanString()
        case UInt8(ascii: "t"): try expectLiteral("true"); type = .bool; integer = 1
        case UInt8(ascii: "f"): try expectLiteral("false"); type = .bool
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): type = .integer; integer = try parseInteger()
        default: throw failure(at: index, "unexpected \(describe(buffer[index])), expected a value")
        }
        guard slot >= 0 else { return }
        tape.slots[Int(slot)].type = type
        tape.slots[Int(slot)].integer = integer
        tape.slots[Int(slot)].firstMember = first
        tape.slots[Int(slot)].valueStart = Int32(stringStart)
        tape.slots[Int(slot)].valueEnd = Int32(stringEnd)
        tape.slots[Int(slot)].valueEscaped = escaped
    }

    /// Scans an object and returns its first member's slot (-1 if empty or not recorded).
    private mutating func scanObject(depth: Int, record: Bool, tape: inout CanonicalTape) throws -> Int32 {
        var first: Int32 = -1
        var previous: Int32 = -1
        var previousKey: (start: Int, end: Int, escaped: Bool)?
        try walkObject(depth: depth, key: { parser in
            let keyOffset = parser.index
            let token = try parser.scanString()
            let key = (start: keyOffset + 1, end: token.contentEnd, escaped: token.escaped)
            if parser.buffer[key.start..<key.end].contains(where: { $0 >= 0x80 }) { throw CanonicalTape.NonASCIIKey() }
            if let previousKey { try parser.checkKeyOrder(previousKey, key, keyOffset: keyOffset) }
            previousKey = key
        }, value: { parser in
            var slot: Int32 = -1
            if record, let key = previousKey {
                slot = tape.append()
                tape.slots[Int(slot)].keyStart = Int32(key.start)
                tape.slots[Int(slot)].keyEnd = Int32(key.end)
                tape.slots[Int(slot)].keyEscaped = key.escaped
                if previous >= 0 { tape.slots[Int(previous)].next = slot } else { first = slot }
                previous = slot
            }
            try parser.scanValue(depth: depth, slot: slot, tape: &tape)
        })
        return first
    }

    private mutating func scanArray(depth: Int, tape: inout CanonicalTape) throws {
        try walkArray(depth: depth) { parser in try parser.scanValue(depth: depth, slot: -1, tape: &tape) }
    }

    /// RFC 8785 member order, as `CanonicalJSONWriter.precedes`: for keys without escapes
    /// or bytes at 0xEE and above, raw byte order is that order; other keys are decoded
    /// and compared as strings.
    private mutating func checkKeyOrder(_ previous: (start: Int, end: Int, escaped: Bool),
                                        _ key: (start: Int, end: Int, escaped: Bool), keyOffset: Int) throws {
        let left = UnsafeBufferPointer(rebasing: buffer[previous.start..<previous.end])
        let right = UnsafeBufferPointer(rebasing: buffer[key.start..<key.end])
        let simple = !previous.escaped && !key.escaped && !left.contains(where: { $0 >= 0xee }) && !right.contains(where: { $0 >= 0xee })
        if simple, left.lexicographicallyPrecedes(right) { return }
        let resume = index
        let leftText = try unescapedString(from: previous.start, to: previous.end)
        let rightText = try unescapedString(from: key.start, to: key.end)
        index = resume
        if !simple, CanonicalJSONWriter.precedes(leftText, rightText) { return }
        throw failure(at: keyOffset, "key \"\(PersonalData.quotableName(rightText))\" is out of RFC 8785 order (or repeated): not canonical")
    }
}
