/// Writes a `JSONValue` as RFC 8785 canonical JSON: object members sorted by the UTF-16
/// code units of their keys, no whitespace, integers in plain decimal, and strings with
/// only the escapes JCS (ECMAScript `JSON.stringify`) produces.
struct CanonicalJSONWriter {
    private(set) var output: [UInt8] = []

    private static let hexDigits = Array("0123456789abcdef".utf8)

    init() {
        output.reserveCapacity(512)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: output.append(contentsOf: [0x6e, 0x75, 0x6c, 0x6c])  // null
        case .bool(true): output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
        case .bool(false): output.append(contentsOf: [0x66, 0x61, 0x6c, 0x73, 0x65])  // false
        case .integer(let number): writeInteger(number)
        case .string(let text): writeString(text)
        case .array(let elements): writeArray(elements)
        case .object(let members): writeObject(members)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue]) {
        output.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            write(element)
        }
        output.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [String: JSONValue]) {
        let sorted = members.sorted { CanonicalJSONWriter.precedes($0.key, $1.key) }
        output.append(UInt8(ascii: "{"))
        for (index, member) in sorted.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeString(member.key)
            output.append(UInt8(ascii: ":"))
            write(member.value)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// RFC 8785 §3.2.3: member names compare as arrays of UTF-16 code units. UTF-8 byte
    /// order is code-point order, which agrees with UTF-16 order unless a name holds a
    /// character at U+E000 or above (UTF-8 lead bytes 0xEE–0xF4); only then is the slower
    /// UTF-16 comparison needed. Entry keys are ASCII, so this is the hot path.
    static func precedes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        let fast = left.withUTF8 { a in
            right.withUTF8 { b -> Bool? in
                if a.contains(where: { $0 >= 0xee }) || b.contains(where: { $0 >= 0xee }) { return nil }
                return a.lexicographicallyPrecedes(b)
            }
        }
        return fast ?? left.utf16.lexicographicallyPrecedes(right.utf16)
    }

    private mutating func writeInteger(_ number: Int64) {
        assert(number.magnitude <= UInt64(JSONValue.integerMagnitudeMax), "integer outside ±(2^53−1) cannot be canonical")
        var magnitude = number.magnitude
        if number < 0 { output.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output.append(contentsOf: digits.reversed())
    }

    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var text = text
        // Most strings need no escape: copy them whole.
        let copied = text.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if copied {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                output.append(byte)
            } else {
                writeEscape(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0c: output.append(UInt8(ascii: "f"))
        case 0x0a: output.append(UInt8(ascii: "n"))
        case 0x0d: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            assert(byte < 0x20, "only control characters need a \\u escape")
            output.append(contentsOf: Array("u00".utf8))
            output.append(CanonicalJSONWriter.hexDigits[Int(byte >> 4)])
            output.append(CanonicalJSONWriter.hexDigits[Int(byte & 0x0f)])
        }
    }
}
