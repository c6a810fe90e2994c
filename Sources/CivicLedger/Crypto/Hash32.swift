/// A 32-byte SHA-256 digest: leaf hashes, node hashes, tree roots.
public struct Hash32: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32
    public let bytes: [UInt8]

    /// Returns nil unless `bytes` is exactly 32 bytes long.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == Hash32.byteCount else { return nil }
        self.bytes = bytes
    }

    init(trusted bytes: [UInt8]) {
        precondition(bytes.count == Hash32.byteCount, "a Hash32 holds 32 bytes")
        self.bytes = bytes
    }

    public static let zero = Hash32(trusted: [UInt8](repeating: 0, count: 32))

    public init?(base64 text: String) {
        guard let data = Base64.decode(text) else { return nil }
        self.init(data)
    }

    public init?(hex text: String) {
        guard let data = Hex.decode(text) else { return nil }
        self.init(data)
    }

    public var hex: String { Hex.encode(bytes) }
    public var base64: String { Base64.encode(bytes) }
    public var description: String { hex }
}
