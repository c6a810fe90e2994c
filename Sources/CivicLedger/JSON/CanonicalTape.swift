/// The members of the objects in one JSON document (a stored canonical entry or a writer's
/// line), recorded in place by `JSONParser.scanTape(into:)`: byte ranges of keys and
/// strings, decoded integers, and sibling links, so a schema reader can look fields up
/// without a `Dictionary`, a `JSONValue` tree or a `String` per field. Slot 0 is the
/// document's root value. In a canonical document, members of objects nested inside
/// arrays are checked but not recorded (no schema field is an array, so a reader only
/// needs to know that the value is one); a writer's line records them, unlinked, to find
/// repeated keys.
struct CanonicalTape {
    enum ValueType: UInt8 {
        case null, bool, integer, string, array, object

        /// The same names as `JSONValue.typeName`, so errors read the same on both paths.
        var typeName: String {
            switch self {
            case .null: return "null"
            case .bool: return "boolean"
            case .integer: return "integer"
            case .string: return "string"
            case .array: return "array"
            case .object: return "object"
            }
        }
    }

    /// One object member (or the root). Offsets index the document's bytes.
    struct Slot {
        /// The key's raw content, between its quotes.
        var keyStart: Int32 = 0
        var keyEnd: Int32 = 0
        /// For a string, its raw content; otherwise unused.
        var valueStart: Int32 = 0
        var valueEnd: Int32 = 0
        /// An integer's value, or 1/0 for a boolean.
        var integer: Int64 = 0
        /// The next member of the same object, or -1.
        var next: Int32 = -1
        /// For an object, its first member, or -1 when it is empty.
        var firstMember: Int32 = -1
        var type: ValueType = .null
        var keyEscaped = false
        var valueEscaped = false
        /// Set by the schema reader when it asks for this member.
        var used = false
    }

    let slots: UnsafeMutableBufferPointer<Slot>
    private(set) var count = 0
    /// Thrown where only the tree parser decides as the tree parser does: at a key with a
    /// byte outside ASCII (two such keys can be different bytes yet one `String`, canonical
    /// equivalence, which the tree parser refuses as a duplicate once it has read the
    /// second one's value; the tape does not compare keys that way), and outside canonical
    /// mode at an escaped key or an object of more than `writerMemberCountMax` members
    /// (repeats are found by comparing with every earlier key). No schema key is outside
    /// ASCII or escaped and no schema object is that large, so the document is refused
    /// either way; handing it to the tree parser keeps the refusal's words and place the same.
    struct NeedsTreeParser: Error {}

    /// The most members of one object a writer's line records on the tape (the largest
    /// schema object has far fewer).
    static let writerMemberCountMax = 32

    /// A tape for a document of `byteCount` bytes: every member takes at least four bytes
    /// (`"":0`) plus a separator, so this many slots always suffice.
    static func capacity(byteCount: Int) -> Int {
        byteCount / 4 + 2
    }

    init(slots: UnsafeMutableBufferPointer<Slot>) {
        self.slots = slots
    }

    /// Appends an empty slot and returns its index.
    mutating func append() -> Int32 {
        precondition(count < slots.count, "CanonicalTape.capacity bounds the members of any document")
        slots[count] = Slot()
        count += 1
        return Int32(count - 1)
    }
}
