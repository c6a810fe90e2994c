#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thin owner of a POSIX file descriptor. Every call is checked; a failed fsync is
/// reported as an error the caller must treat as fatal (the kernel may have dropped the
/// dirty pages, so retrying could acknowledge data that is not on disk).
final class FileHandle {
    let path: String
    private(set) var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws -> FileHandle {
        let descriptor = Glibc.open(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileHandle.error("open", path) }
        return FileHandle(path: path, descriptor: descriptor)
    }

    static func openForReading(_ path: String) throws -> FileHandle {
        try open(path, flags: O_RDONLY)
    }

    func size() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileHandle.error("stat", path) }
        return Int64(info.st_size)
    }

    func mode() throws -> mode_t {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileHandle.error("stat", path) }
        return info.st_mode
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        precondition(count >= 0 && offset >= 0, "negative read")
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw FileHandle.error("read", path) }
            if got == 0 { break }
            done += got
        }
        if done < count { buffer.removeSubrange(done...) }
        return buffer
    }

    func readAll() throws -> [UInt8] {
        try read(at: 0, count: Int(try size()))
    }

    /// Writes every byte at `offset`, retrying short writes.
    func write(_ bytes: [UInt8], at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { throw FileHandle.error("write", path) }
            done += wrote
        }
    }

    func sync() throws {
        guard fsync(descriptor) == 0 else { throw FileHandle.error("fsync", path) }
    }

    func truncate(to length: Int64) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw FileHandle.error("truncate", path) }
    }

    /// Takes an exclusive advisory lock without waiting; false when another process holds it.
    func tryLockExclusive() throws -> Bool {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw FileHandle.error("lock", path)
    }

    static func error(_ operation: String, _ path: String) -> LedgerError {
        let code = errno
        let reason = String(cString: strerror(code))
        return LedgerError(.io, "\(path): \(operation) failed: \(reason)")
    }
}
