#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the members of one object of a stored canonical entry or a writer's line straight
/// from its bytes, through the `CanonicalTape` that `JSONParser.scanTape(into:)` recorded:
/// members are found by comparing key bytes (the scan left no escaped or non-ASCII key on
/// a writer's tape), strings are built only for the fields the schema returns, and `used`
/// marks live in the tape. Same rules and messages as `FieldReader`.
struct TapeFieldReader: FieldReading {
    private let tape: UnsafeMutableBufferPointer<CanonicalTape.Slot>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let firstMember: Int32
    /// The path is built only when a message needs it: the parent's path and this key.
    private var parentPath: String
    private var key: String

    var path: String {
        get { parentPath.isEmpty ? key : "\(parentPath).\(key)" }
        set { parentPath = ""; key = newValue }
    }

    /// The reader of the tape's root, which must be an object.
    init(root tape: CanonicalTape, bytes: UnsafeBufferPointer<UInt8>) throws {
        let root = tape.slots[0]
        guard root.type == .object else { throw LedgerError(.invalidEntry, "entry: expected an object, found \(root.type.typeName)") }
        self.init(tape: tape.slots, bytes: bytes, firstMember: root.firstMember, parentPath: "", key: "")
    }

    private init(tape: UnsafeMutableBufferPointer<CanonicalTape.Slot>, bytes: UnsafeBufferPointer<UInt8>, firstMember: Int32,
                 parentPath: String, key: String) {
        self.tape = tape
        self.bytes = bytes
        self.firstMember = firstMember
        self.parentPath = parentPath
        self.key = key
    }

    func has(_ key: String) -> Bool {
        member(key) >= 0
    }

    mutating func string(_ key: String, scalarCountMax: Int) throws -> String {
        let slot = try value(key, expected: .string, "a string")
        let content = UnsafeBufferPointer(rebasing: bytes[Int(slot.valueStart)..<Int(slot.valueEnd)])
        guard !slot.valueEscaped else {
            // The scan has checked the escapes (canonical ones on a canonical tape).
            var parser = JSONParser(bytes)
            let text = try parser.unescapedString(from: Int(slot.valueStart), to: Int(slot.valueEnd))
            try checkLength(key, scalarCount: text.unicodeScalars.count, max: scalarCountMax)
            return text
        }
        // Valid UTF-8 (the scan checked it): scalars are the bytes that are not continuations,
        // so 1…max bytes are 1…max scalars and only longer text needs counting.
        if content.isEmpty || content.count > scalarCountMax {
            var scalarCount = 0
            for byte in content where byte & 0xc0 != 0x80 { scalarCount += 1 }
            try checkLength(key, scalarCount: scalarCount, max: scalarCountMax)
        }
        return String(decoding: content, as: UTF8.self)
    }

    mutating func bool(_ key: String) throws -> Bool {
        try value(key, expected: .bool, "a boolean").integer != 0
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int64>) throws -> Int64 {
        let number = try value(key, expected: .integer, "an integer").integer
        try checkRange(key, number, range)
        return number
    }

    mutating func object(_ key: String) throws -> TapeFieldReader {
        let index = member(key)
        guard index >= 0 else { throw failure(key, "required field is missing") }
        tape[Int(index)].used = true
        let slot = tape[Int(index)]
        guard slot.type == .object else { throw LedgerError(.invalidEntry, "\(fieldPath(key)): expected an object, found \(slot.type.typeName)") }
        return TapeFieldReader(tape: tape, bytes: bytes, firstMember: slot.firstMember, parentPath: path, key: key)
    }

    // The three readings below take a fast path only where the member is a string without
    // escapes whose bytes are plainly valid (a case's raw value, a date, 64 lower-case hex
    // digits): there the reference reading would return the same value. Anything else,
    // including every error, goes through the reference reading for its checks and words.

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) throws -> Value
    where Value.RawValue == String {
        if let (index, content) = plainString(key) {
            for value in Value.allCases {
                var name = value.rawValue
                let equal = name.withUTF8 { name in
                    name.count == content.count && memcmp(name.baseAddress!, content.baseAddress!, name.count) == 0
                }
                if equal {
                    tape[index].used = true
                    return value
                }
            }
        }
        return try stringEnumeration(key, as: type)
    }

    mutating func date(_ key: String, writable: Bool) throws -> CivilDate {
        if let (index, content) = plainString(key), let date = CivilDate(utf8: content),
           !writable || CivilDate.writable.contains(date) {
            tape[index].used = true
            return date
        }
        return try stringDate(key, writable: writable)
    }

    mutating func digest(_ key: String) throws -> Hash32 {
        if let (index, content) = plainString(key), let digest = Hash32(lowerHex: content) {
            tape[index].used = true
            return digest
        }
        return try hexDigest(key)
    }

    /// The slot index and raw content of member `key` when it is a string without escapes.
    private func plainString(_ key: String) -> (Int, UnsafeBufferPointer<UInt8>)? {
        let index = member(key)
        guard index >= 0 else { return nil }
        let slot = tape[Int(index)]
        guard slot.type == .string, !slot.valueEscaped, slot.valueEnd > slot.valueStart else { return nil }
        return (Int(index), UnsafeBufferPointer(rebasing: bytes[Int(slot.valueStart)..<Int(slot.valueEnd)]))
    }

    /// Names the first unknown member in RFC 8785 order, as `FieldReader` does (a writer's
    /// members may come in any order).
    func finish() throws {
        var unknown: [String] = []
        var index = firstMember
        while index >= 0 {
            let slot = tape[Int(index)]
            if !slot.used {
                var parser = JSONParser(bytes)
                unknown.append(try parser.unescapedString(from: Int(slot.keyStart), to: Int(slot.keyEnd)))
            }
            index = slot.next
        }
        guard let first = unknown.min(by: CanonicalJSONWriter.precedes) else { return }
        throw failure(PersonalData.quotableName(first), "unknown field")
    }

    /// Marks member `key` used and returns it, or throws the missing or wrong-type error.
    private mutating func value(_ key: String, expected type: CanonicalTape.ValueType, _ expectedName: String) throws -> CanonicalTape.Slot {
        let index = member(key)
        guard index >= 0 else { throw failure(key, "required field is missing") }
        tape[Int(index)].used = true
        let slot = tape[Int(index)]
        guard slot.type == type else { throw failure(key, "expected \(expectedName), found \(slot.type.typeName)") }
        return slot
    }

    /// The slot of member `key`, or -1. Schema keys are ASCII without escapable
    /// characters, so comparing raw key bytes is comparing keys. Reads slot fields in
    /// place and compares lengths before bytes: this runs for every field of every entry.
    private func member(_ key: String) -> Int32 {
        var name = key
        return name.withUTF8 { wanted in
            let base = tape.baseAddress!
            let text = bytes.baseAddress!
            let count = wanted.count
            var index = firstMember
            while index >= 0 {
                let slot = base + Int(index)
                let start = Int(slot.pointee.keyStart)
                if Int(slot.pointee.keyEnd) - start == count {
                    // Schema keys are short: a loop here costs less than a call to memcmp.
                    var offset = 0
                    while offset < count, text[start + offset] == wanted[offset] { offset += 1 }
                    if offset == count { return index }
                }
                index = slot.pointee.next
            }
            return -1
        }
    }
}
