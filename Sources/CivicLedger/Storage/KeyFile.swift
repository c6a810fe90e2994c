#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Private-key files: one line, Go's note private-key string. Created with mode 0600 and
/// never overwritten; refused when group or others can read or write them.
public enum KeyFile {
    public static func create(_ signer: NoteSigner, at path: String) throws {
        var bytes = Array((signer.skey + "\n").utf8)
        defer { bytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        try OutputPath.refuseInsideLedgers(path)
        try FileSystem.createExclusive(bytes, at: path, mode: 0o600)
    }

    public static func load(_ path: String) throws -> NoteSigner {
        try loadKey(path) { try NoteSigner(skey: $0) }
    }

    /// A witness's cosigning key file (`PRIVATE+KEY+name+id+base64(0x04 ‖ seed)`), under
    /// the same mode and size rules as a log's key file.
    public static func create(_ signer: CosignatureSigner, at path: String) throws {
        var bytes = Array((signer.skey + "\n").utf8)
        defer { bytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        try OutputPath.refuseInsideLedgers(path)
        try FileSystem.createExclusive(bytes, at: path, mode: 0o600)
    }

    public static func loadCosigner(_ path: String) throws -> CosignatureSigner {
        try loadKey(path) { try CosignatureSigner(skey: $0) }
    }

    private static func loadKey<Key>(_ path: String, _ parse: (String) throws -> Key) throws -> Key {
        let handle = try FileHandle.openForReading(path, code: .invalidKey)
        let mode = try handle.mode()
        guard mode & S_IFMT != S_IFDIR else { throw LedgerError(.invalidKey, "key file \(path) is a directory, not a key file") }
        guard mode & 0o077 == 0 else {
            let octal = String(mode & 0o777, radix: 8)
            throw LedgerError(.invalidKey, "key file \(path) has mode \(octal): group or others may access it; run chmod 600 \(path)")
        }
        var bytes = try handle.readAll(limit: 512, code: .invalidKey)
        defer { bytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        if bytes.last == 0x0a { bytes.removeLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError(.invalidKey, "key file \(path) is not UTF-8 text")
        }
        do { return try parse(text) } catch let error as LedgerError {
            throw LedgerError(.invalidKey, "key file \(path): \(error.message)")
        }
    }
}
