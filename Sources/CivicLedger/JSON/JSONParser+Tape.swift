/// The scan that records a `CanonicalTape` instead of building a `JSONValue`. It applies
/// exactly the checks of `parseDocument()`, canonical or not, in the same order and with
/// the same messages (it calls the same helpers), so both paths reject the same bytes in
/// the same words.
extension JSONParser {
    /// Scans the whole document into `tape` (slot 0 is the root). Throws
    /// `CanonicalTape.NeedsTreeParser` where the tape cannot decide as the tree parser
    /// would, for the caller to hand the document to the tree parser instead.
    mutating func scanTape(into tape: inout CanonicalTape) throws {
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
        case UInt8(ascii: "{"):
            // Outside canonical mode the members of objects in arrays are recorded too:
            // their repeated keys are found by comparing recorded keys.
            type = .object; first = try scanObject(depth: depth + 1, record: slot >= 0 || !canonical, tape: &tape)
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
        var keyOffset = 0
        var memberCount = 0
        try walkObject(depth: depth, key: { parser in
            keyOffset = parser.index
            let token = try parser.scanString()
            let key = (start: keyOffset + 1, end: token.contentEnd, escaped: token.escaped)
            if parser.buffer[key.start..<key.end].contains(where: { $0 >= 0x80 }) { throw CanonicalTape.NeedsTreeParser() }
            if parser.canonical {
                if let previousKey { try parser.checkKeyOrder(previousKey, key, keyOffset: keyOffset) }
            } else {
                // Escaped keys are compared after unescaping, and repeats are found by
                // comparing with every earlier key: the tree parser does both, for few members.
                memberCount += 1
                if key.escaped || memberCount > CanonicalTape.writerMemberCountMax { throw CanonicalTape.NeedsTreeParser() }
            }
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
            // As the tree parser: a repeated key is refused once its value has been read.
            if !parser.canonical, let key = previousKey { try parser.checkNotRepeated(key, before: slot, from: first, keyOffset: keyOffset, tape: tape) }
        })
        return first
    }

    /// Refuses key `key` (unescaped ASCII) if a member before `slot` has the same bytes.
    private func checkNotRepeated(_ key: (start: Int, end: Int, escaped: Bool), before slot: Int32, from first: Int32,
                                  keyOffset: Int, tape: CanonicalTape) throws {
        let wanted = UnsafeBufferPointer(rebasing: buffer[key.start..<key.end])
        var index = first
        while index >= 0, index != slot {
            let member = tape.slots[Int(index)]
            if UnsafeBufferPointer(rebasing: buffer[Int(member.keyStart)..<Int(member.keyEnd)]).elementsEqual(wanted) {
                let name = String(decoding: wanted, as: UTF8.self)
                throw failure(at: keyOffset, "duplicate object key \"\(PersonalData.quotableName(name))\"")
            }
            index = member.next
        }
    }

    private mutating func scanArray(depth: Int, tape: inout CanonicalTape) throws {
        try walkArray(depth: depth) { parser in try parser.scanValue(depth: depth, slot: -1, tape: &tape) }
    }

    /// RFC 8785 member order, as `CanonicalJSONWriter.precedes`: for keys without escapes
    /// or bytes at 0xEE and above, raw byte order is that order; other keys are decoded
    /// and compared as strings. The scan hands keys with bytes outside ASCII to the tree
    /// parser before this is called, so only escapes make a key not simple here.
    private mutating func checkKeyOrder(_ previous: (start: Int, end: Int, escaped: Bool),
                                        _ key: (start: Int, end: Int, escaped: Bool), keyOffset: Int) throws {
        let left = UnsafeBufferPointer(rebasing: buffer[previous.start..<previous.end])
        let right = UnsafeBufferPointer(rebasing: buffer[key.start..<key.end])
        assert(!left.contains(where: { $0 >= 0x80 }) && !right.contains(where: { $0 >= 0x80 }), "keys outside ASCII go to the tree parser")
        let simple = !previous.escaped && !key.escaped
        if simple, left.lexicographicallyPrecedes(right) { return }
        let resume = index
        let leftText = try unescapedString(from: previous.start, to: previous.end)
        let rightText = try unescapedString(from: key.start, to: key.end)
        index = resume
        if !simple, CanonicalJSONWriter.precedes(leftText, rightText) { return }
        throw failure(at: keyOffset, "key \"\(PersonalData.quotableName(rightText))\" is out of RFC 8785 order (or repeated): not canonical")
    }
}
