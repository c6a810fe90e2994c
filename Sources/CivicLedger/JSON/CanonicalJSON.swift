/// Strict JSON (RFC 8259) in, canonical JSON (RFC 8785, JCS) out.
///
/// `parse` accepts only UTF-8 JSON without floats, `-0`, duplicate keys, lone
/// surrogates or nesting deeper than `depthMax`. `parseCanonical` additionally demands
/// that the bytes are exactly what `encode` produces, so one value has one spelling.
public enum CanonicalJSON {
    /// The deepest nesting of arrays and objects accepted (a top-level object is depth 1).
    public static let depthMax = 16
    /// The largest input `parse` accepts, in bytes.
    public static let inputByteCountMax = 16 << 20

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try checkSize(bytes)
        return try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            return try parser.parseDocument()
        }
    }

    public static func encode(_ value: JSONValue) -> [UInt8] {
        var writer = CanonicalJSONWriter()
        writer.write(value)
        return writer.output
    }

    /// Parses `bytes` and rejects them unless they are the canonical encoding of the value.
    /// The parser checks canonical form as it reads (no whitespace, keys in RFC 8785 order,
    /// only the escapes `encode` writes), so nothing is re-encoded; debug builds re-encode
    /// anyway and assert that both checks agree.
    public static func parseCanonical(_ bytes: [UInt8]) throws -> JSONValue {
        try checkSize(bytes)
        let value = try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer, canonical: true)
            return try parser.parseDocument()
        }
        assert(encode(value) == bytes, "the canonical parser accepted bytes that encode differently")
        return value
    }

    /// The input bound of `parse` and `parseCanonical`, checked before any byte is read.
    static func checkSize(_ bytes: [UInt8]) throws {
        guard bytes.count <= inputByteCountMax else {
            throw LedgerError(.invalidJSON, "JSON input of \(bytes.count) bytes exceeds the limit of \(inputByteCountMax)")
        }
    }
}
