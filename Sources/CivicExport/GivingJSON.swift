/// A small JSON document model for the 360Giving export, which needs decimal numbers
/// (amounts in the currency) that the ledger's integer-only canonical JSON never writes.
/// Serialised with sorted member names and two-space indentation, so the same document
/// always gives the same bytes.
enum GivingJSON: Equatable, Sendable {
    case string(String)
    /// A JSON number token written as is (a decimal amount such as `1234.50`).
    case number(String)
    case object([String: GivingJSON])
    case array([GivingJSON])

    /// The document as UTF-8 text, ending with a newline.
    var text: String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let text):
            GivingJSON.quote(text, into: &out)
        case .number(let token):
            out += token
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (position, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += position + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            let names = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            for (position, name) in names.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                GivingJSON.quote(name, into: &out)
                out += ": "
                members[name]!.write(into: &out, indent: indent + 2)
                out += position + 1 < names.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// RFC 8785 string escaping: the short escapes, `\u00xx` for other controls, the rest literal.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
