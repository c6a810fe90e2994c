#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A 32-byte SHA-256 digest: leaf hashes, node hashes, tree roots. The bytes are held
/// inline, not in an `Array`: verify makes several digests an entry, and a heap block for
/// each cost more than comparing or copying 32 bytes.
public struct Hash32: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The digest's bytes (a new array each time: hot paths use `withUnsafeBytes`).
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Returns nil unless `bytes` is exactly 32 bytes long.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == Hash32.byteCount else { return nil }
        self.init(trusted: bytes)
    }

    init(trusted bytes: [UInt8]) {
        precondition(bytes.count == Hash32.byteCount, "a Hash32 holds 32 bytes")
        Swift.withUnsafeMutableBytes(of: &storage) { out in bytes.withUnsafeBytes { out.copyMemory(from: $0) } }
    }

    /// The 32 bytes at `source`, which must hold at least that many.
    init(copying source: UnsafeRawBufferPointer) {
        precondition(source.count >= Hash32.byteCount, "a Hash32 holds 32 bytes")
        Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<Hash32.byteCount])) }
    }

    /// Fills the 32 bytes with `initialize`, which must write all of them.
    init(writing initialize: (UnsafeMutableRawBufferPointer) -> Void) {
        Swift.withUnsafeMutableBytes(of: &storage) { initialize($0) }
    }

    /// 64 lower-case hex digits read in place; nil for anything else.
    init?(lowerHex digits: UnsafeBufferPointer<UInt8>) {
        guard digits.count == 2 * Hash32.byteCount else { return nil }
        var valid = true
        Swift.withUnsafeMutableBytes(of: &storage) { out in
            for index in 0..<Hash32.byteCount {
                guard let high = Hex.lowerValue(digits[2 * index]), let low = Hex.lowerValue(digits[2 * index + 1]) else {
                    valid = false
                    return
                }
                out[index] = high << 4 | low
            }
        }
        guard valid else { return nil }
    }

    public static let zero = Hash32(writing: { $0.initializeMemory(as: UInt8.self, repeating: 0) })

    public init?(base64 text: String) {
        guard let data = Base64.decode(text) else { return nil }
        self.init(data)
    }

    public init?(hex text: String) {
        guard let data = Hex.decode(text) else { return nil }
        self.init(data)
    }

    /// Calls `body` with the 32 bytes, without copying them.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// Whether `other` holds exactly these 32 bytes.
    public func equals(_ other: UnsafeRawBufferPointer) -> Bool {
        other.count == Hash32.byteCount && withUnsafeBytes { memcmp($0.baseAddress!, other.baseAddress!, Hash32.byteCount) == 0 }
    }

    public static func == (left: Hash32, right: Hash32) -> Bool {
        left.storage.0 == right.storage.0 && left.storage.1 == right.storage.1
            && left.storage.2 == right.storage.2 && left.storage.3 == right.storage.3
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public var hex: String { Hex.encode(bytes) }
    public var base64: String { Base64.encode(bytes) }
    public var description: String { hex }
}
