#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command may write a document or create a key (`--out`): never inside a ledger
/// directory (a stray file there is published with the ledger, and `--out L/index` would
/// destroy it), never over an existing file unless the caller forces it, and always
/// through the store's fsync'd atomic write.
public enum OutputPath {
    /// Writes `bytes` to `path` atomically and durably after the checks above.
    public static func write(_ bytes: [UInt8], to path: String, force: Bool) throws {
        try check(path, force: force)
        do { try FileSystem.writeAtomically(bytes, to: path) } catch let error as LedgerError {
            throw LedgerError(.usage, "\(path): cannot be written (\(error.message)); it was not replaced")
        }
    }

    /// Refuses `path` when it is inside a ledger directory or a directory itself, and when
    /// it exists and `force` is false.
    public static func check(_ path: String, force: Bool) throws {
        try refuseInsideLedgers(path)
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard force else { throw LedgerError(.usage, "\(path) already exists; pass --force to replace it") }
    }

    /// Refuses `path` when it is, or would be, inside a ledger directory after resolving
    /// symbolic links and `..` (of its directory, and of itself when it is a link), or
    /// when it names a directory.
    static func refuseInsideLedgers(_ path: String) throws {
        let parent = FileSystem.parent(of: path)
        guard let resolvedParent = resolved(parent) else {
            throw LedgerError(.usage, "\(path): the directory \(parent) does not exist")
        }
        try refuseInsideLedger(resolvedParent, path: path)
        guard let target = resolved(path) else { return }
        if FileSystem.isDirectory(target) { throw LedgerError(.usage, "\(path) is a directory, not a file to write") }
        try refuseInsideLedger(FileSystem.parent(of: target), path: path)
    }

    private static func refuseInsideLedger(_ directory: String, path: String) throws {
        var current = directory
        while true {
            if LedgerLayout(directory: current).looksLikeLedger {
                throw LedgerError(.usage, "\(path) is inside the ledger directory \(current); write it elsewhere")
            }
            guard current != "/", !current.isEmpty else { return }
            current = FileSystem.parent(of: current)
            if current.isEmpty { current = "/" }
        }
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved, or nil when it does not exist.
    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
