#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Directory-level operations with the durability rules of the storage design.
public enum FileSystem {
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else { throw FileHandle.error("mkdir", path) }
    }

    /// Makes a directory entry durable: after creating, renaming or removing a file.
    static func syncDirectory(_ path: String) throws {
        let handle = try FileHandle.open(path, flags: O_RDONLY | O_DIRECTORY)
        try handle.sync()
    }

    /// Names in `path`, sorted, without "." and "..".
    static func list(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else { throw FileHandle.error("list", path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 else { throw FileHandle.error("remove", path) }
    }

    /// Replaces `path` with `bytes` atomically and durably: a temporary file in the same
    /// directory is written and fsynced, renamed over the target, and the directory fsynced.
    /// The one atomic write of the project: ledger files, witness state and CLI outputs.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let directory = parent(of: path)
        let temporary = directory + "/." + base(of: path) + ".tmp"
        let handle = try FileHandle.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
        try handle.write(bytes, at: 0)
        try handle.sync()
        guard rename(temporary, path) == 0 else { throw FileHandle.error("rename", temporary) }
        try syncDirectory(directory)
    }

    /// Creates `path` with `bytes` only if it does not exist yet, durably.
    static func createExclusive(_ bytes: [UInt8], at path: String, mode: mode_t) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle.open(path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode)
        } catch let error as LedgerError where errno == EEXIST {
            throw LedgerError(.usage, "\(path) already exists; refusing to overwrite it (\(error.message))")
        }
        guard fchmod(handle.descriptor, mode) == 0 else { throw FileHandle.error("chmod", path) }
        try handle.write(bytes, at: 0)
        try handle.sync()
        try syncDirectory(parent(of: path))
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func base(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
