/// A JSON value restricted to what CivicLedger's formats use: no floats, and integers
/// only within ±(2^53−1) so that every value survives RFC 8785's IEEE-double model.
///
/// Object keys and string values keep their exact Unicode scalars. Note that Swift's
/// `String` equality is canonical equivalence, so two keys that differ only in Unicode
/// normalisation are the same key here (the parser rejects such a pair as a duplicate).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The largest magnitude an integer may have: 2^53−1, exact in an IEEE double.
    public static let integerMagnitudeMax: Int64 = (1 << 53) - 1

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        let type: CanonicalTape.ValueType
        switch self {
        case .null: type = .null
        case .bool: type = .bool
        case .integer: type = .integer
        case .string: type = .string
        case .array: type = .array
        case .object: type = .object
        }
        return type.typeName
    }
}
