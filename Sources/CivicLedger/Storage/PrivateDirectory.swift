#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The owner-only directories under `DIR/private/` (donor records, token digests).
enum PrivateDirectory {
    /// Creates each missing directory (0700) under its parent, durably, in order; refuses
    /// existing ones that others can reach or that are not plain directories.
    static func prepare(_ chain: [(directory: String, parent: String)], holding what: String) throws {
        for (directory, parent) in chain {
            var info = stat()
            if lstat(directory, &info) != 0 {
                guard mkdir(directory, 0o700) == 0 else { throw FileHandle.error("mkdir", directory) }
                guard chmod(directory, 0o700) == 0 else { throw FileHandle.error("chmod", directory) }
                try FileSystem.syncDirectory(parent)
            }
            try require(directory, holding: what)
        }
    }

    /// A private directory is a real directory (not a symbolic link) with mode 0700 or
    /// stricter: what it holds (`what`) must not reach others.
    static func require(_ directory: String, holding what: String) throws {
        var info = stat()
        guard lstat(directory, &info) == 0 else { throw FileHandle.error("stat", directory) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw LedgerError(.usage, "\(directory) must be a directory, not a link or a file; \(what)")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw LedgerError(.usage, "\(directory) is accessible by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 700 \(directory)")
        }
    }
}
