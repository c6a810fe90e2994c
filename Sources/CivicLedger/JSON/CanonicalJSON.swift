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
        guard bytes.count <= inputByteCountMax else {
            throw LedgerError(.invalidJSON, "JSON input of \(bytes.count) bytes exceeds the limit of \(inputByteCountMax)")
        }
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
    public static func parseCanonical(_ bytes: [UInt8]) throws -> JSONValue {
        let value = try parse(bytes)
        let canonical = encode(value)
        guard canonical != bytes else { return value }
        let offset = zip(canonical, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(canonical.count, bytes.count)
        throw LedgerError(.invalidJSON, "byte \(offset): not canonical RFC 8785 JSON (whitespace, key order, escaping or number form differs)")
    }
}
