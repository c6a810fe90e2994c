#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bearer tokens that may write to one ledger over HTTP (`civic serve`):
/// `DIR/private/tokens/<writer>.sha256` (directories 0700, files 0600), each holding the
/// lower-case hex SHA-256 of the token and a line feed. The token itself is shown once,
/// when it is made, and never stored.
///
/// Adding and revoking take no writer lock, so they work while a server holds it; the
/// server sees the change on its next request (`fingerprint`).
public struct TokenStore: Sendable {
    /// A token: this prefix and 64 hex digits (32 random bytes).
    public static let tokenPrefix = "civic_"
    public static let tokenByteCount = tokenPrefix.utf8.count + 64
    static let fileSuffix = ".sha256"
    static let fileByteCount = 65

    public let layout: LedgerLayout

    public init(directory: String) throws {
        layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
    }

    public var privateDirectory: String { layout.directory + "/private" }
    public var tokensDirectory: String { privateDirectory + "/tokens" }

    /// Makes a token for `writer`, stores its hash, and returns the token (once).
    public func add(writer: String) throws -> String {
        try TokenStore.requireName(writer)
        try prepareDirectories()
        let (token, hash) = try TokenStore.newToken()
        let digest = Array((hash.hex + "\n").utf8)
        do {
            try FileSystem.createExclusive(digest, at: path(writer: writer), mode: 0o600)
        } catch let error as LedgerError where error.code == .usage {
            throw LedgerError(.usage, "\(layout.directory): writer \(writer) already has a token; revoke it first")
        }
        return token
    }

    /// Removes the token of `writer`, durably.
    public func revoke(writer: String) throws {
        try TokenStore.requireName(writer)
        let target = path(writer: writer)
        guard FileSystem.exists(target) else {
            throw LedgerError(.usage, "\(layout.directory): writer \(writer) has no token")
        }
        try FileSystem.remove(target)
        try FileSystem.syncDirectory(tokensDirectory)
    }

    /// Every writer with a token and its token's SHA-256, sorted by writer.
    public func digests() throws -> [(writer: String, digest: Hash32)] {
        guard FileSystem.exists(tokensDirectory) else { return [] }
        try requirePrivate(privateDirectory)
        try requirePrivate(tokensDirectory)
        return try FileSystem.list(tokensDirectory).compactMap { name in
            guard name.hasSuffix(TokenStore.fileSuffix) else { return nil }
            let writer = String(name.dropLast(TokenStore.fileSuffix.count))
            guard TokenStore.nameProblem(writer) == nil else { return nil }
            return (writer, try readDigest(tokensDirectory + "/" + name))
        }
    }

    /// Changes whenever a token is added or revoked (the directory's modification time),
    /// so a server reloads the digests only then.
    public func fingerprint() -> Int64? {
        var info = stat()
        guard stat(tokensDirectory, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
    }

    /// The SHA-256 a token is stored and compared as.
    public static func digest(_ token: String) -> Hash32 {
        SHA256.hash(Array(token.utf8))
    }

    /// Compares two digests in time that does not depend on where they differ.
    public static func constantTimeEqual(_ left: Hash32, _ right: Hash32) -> Bool {
        var difference: UInt8 = 0
        for (a, b) in zip(left.bytes, right.bytes) { difference |= a ^ b }
        return difference == 0
    }

    /// Why `name` cannot name a writer, or nil: 1 to 64 of A-Z a-z 0-9 . _ -, not starting with a dot.
    public static func nameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return "a writer name is 1 to 64 characters" }
        guard bytes[0] != UInt8(ascii: "."), bytes.allSatisfy({ byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }) else { return "a writer name holds only A-Z a-z 0-9 . _ - and does not start with a dot" }
        return nil
    }

    private func path(writer: String) -> String { tokensDirectory + "/" + writer + TokenStore.fileSuffix }

    private func readDigest(_ path: String) throws -> Hash32 {
        let handle = try FileHandle.open(path, flags: O_RDONLY | O_NOFOLLOW)
        guard try handle.size() == Int64(TokenStore.fileByteCount) else {
            throw LedgerError(.corrupt, "\(path) is not a token digest (\(TokenStore.fileByteCount) bytes expected)")
        }
        let bytes = try handle.readAll(limit: TokenStore.fileByteCount, code: .corrupt)
        guard bytes.last == 0x0a, let digest = Hash32(hex: String(decoding: bytes.dropLast(), as: UTF8.self)) else {
            throw LedgerError(.corrupt, "\(path) is not a token digest (64 hex digits and a line feed)")
        }
        return digest
    }

    private func prepareDirectories() throws {
        try PrivateDirectory.prepare([(privateDirectory, layout.directory), (tokensDirectory, privateDirectory)],
                                     holding: TokenStore.holding)
    }

    private func requirePrivate(_ directory: String) throws {
        try PrivateDirectory.require(directory, holding: TokenStore.holding)
    }

    private static let holding = "token digests let their holders write"
}
