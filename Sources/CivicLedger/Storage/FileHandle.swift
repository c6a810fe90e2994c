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

    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644, code: LedgerError.Code = .io) throws -> FileHandle {
        let descriptor = Glibc.open(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileHandle.error("open", path, code: code) }
        return FileHandle(path: path, descriptor: descriptor)
    }

    static func openForReading(_ path: String, code: LedgerError.Code = .io) throws -> FileHandle {
        try open(path, flags: O_RDONLY, code: code)
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

    /// The whole file, refused before anything is read when it is a directory or holds
    /// more than `limit` bytes (the size is checked first, so a huge file costs no memory).
    /// `code` is what a file too large is: `.corrupt` for a ledger file, `.usage` for input.
    func readAll(limit: Int, code: LedgerError.Code) throws -> [UInt8] {
        guard try mode() & S_IFMT != S_IFDIR else { throw LedgerError(code, "\(path): is a directory, not a file") }
        let size = try size()
        guard size <= Int64(limit) else {
            throw LedgerError(code, "\(path): \(size) bytes is over the \(limit)-byte limit for this file")
        }
        // The file may grow between the stat and the read: read one byte more to see it.
        let bytes = try read(at: 0, count: Int(size) + 1)
        guard bytes.count <= limit else {
            throw LedgerError(code, "\(path): over the \(limit)-byte limit for this file")
        }
        return bytes
    }

    /// Reads a stream (standard input, a pipe) to its end, refusing it as soon as it holds
    /// more than `limit` bytes, so an endless stream costs at most `limit` bytes of memory.
    static func readStream(_ descriptor: Int32, name: String, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw FileHandle.error("read", name) }
            if got == 0 { return bytes }
            guard bytes.count + got <= limit else {
                throw LedgerError(.usage, "\(name): over the \(limit)-byte limit for this input")
            }
            bytes.append(contentsOf: chunk[..<got])
        }
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

    /// Takes an exclusive advisory lock, waiting at most about two seconds; false when
    /// another process still holds it then. Why wait at all: a flock belongs to the open file
    /// description, which a process being started by this one (fork, then exec) shares
    /// until its exec closes the close-on-exec descriptor. On a loaded machine that window
    /// can outlast a writer's close, and a non-blocking attempt would then report a
    /// writer that does not exist.
    func tryLockExclusive() throws -> Bool {
        for attempt in 0..<FileHandle.lockAttempts {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK || errno == EINTR else { throw FileHandle.error("lock", path) }
            if attempt + 1 < FileHandle.lockAttempts { usleep(50_000) }
        }
        return false
    }

    /// 40 attempts 50 ms apart.
    static let lockAttempts = 40

    static func error(_ operation: String, _ path: String, code: LedgerError.Code = .io) -> LedgerError {
        let number = errno
        if operation == "open" { return LedgerError(code, "\(path): cannot be opened: \(reason(number))") }
        return LedgerError(code, "\(path): \(operation) failed: \(reason(number))")
    }

    static func reason(_ code: Int32) -> String { LedgerError.reason(errno: code) }
}

extension LedgerError {
    /// A plain reason for an operating-system error number; the common ones in words a
    /// user knows, whoever runs the command (root gets "permission denied" too).
    public static func reason(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a directory"
        case ENOTDIR: return "a part of the path is not a directory"
        case ENOSPC: return "no space left on the device"
        case EROFS: return "read-only file system"
        case EPIPE: return "the reader closed the pipe"
        default: return String(cString: strerror(code))
        }
    }
}
