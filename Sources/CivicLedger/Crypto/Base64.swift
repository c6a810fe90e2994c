/// Standard base64 (RFC 4648 §4) with padding. Decoding is strict: no whitespace, no
/// missing or extra padding, and unused trailing bits must be zero, so one text maps to
/// exactly one byte string (a signed note must not have two spellings).
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = UInt8(index) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            appendQuad(chunk, count: 4, to: &out)
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            appendQuad(UInt32(bytes[index]) << 16, count: 2, to: &out)
            out.append(contentsOf: Array("==".utf8))
        } else if rest == 2 {
            appendQuad(UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8, count: 3, to: &out)
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendQuad(_ chunk: UInt32, count: Int, to out: inout [UInt8]) {
        for position in 0..<count {
            let shift = UInt32(18 - 6 * position)
            out.append(alphabet[Int((chunk >> shift) & 0x3f)])
        }
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 4 * 3)
        var index = 0
        while index < chars.count {
            let isLast = index + 4 == chars.count
            guard let quad = decodeQuad(chars[index..<index + 4], isLast: isLast) else { return nil }
            out.append(contentsOf: quad)
            index += 4
        }
        return out
    }

    private static func decodeQuad(_ quad: ArraySlice<UInt8>, isLast: Bool) -> [UInt8]? {
        var values = [UInt32]()
        var padding = 0
        for char in quad {
            if char == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0 else { return nil }
            let value = reverse[Int(char)]
            guard value != 0xff else { return nil }
            values.append(UInt32(value))
        }
        guard padding <= 2, padding == 0 || isLast else { return nil }
        var chunk: UInt32 = 0
        for value in values { chunk = chunk << 6 | value }
        chunk <<= UInt32(6 * padding)
        let bytes = [UInt8(chunk >> 16 & 0xff), UInt8(chunk >> 8 & 0xff), UInt8(chunk & 0xff)]
        // Trailing bits that the padding hides must be zero (canonical encoding).
        if padding == 1, bytes[2] != 0 { return nil }
        if padding == 2, bytes[1] != 0 || bytes[2] != 0 { return nil }
        return Array(bytes.prefix(3 - padding))
    }
}
