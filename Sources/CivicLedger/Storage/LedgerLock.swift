#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive writer lock of a ledger directory (`DIR/LOCK`, flock). Held for as long as
/// the value lives; anything that changes the directory (appends, the private donor store)
/// takes it first, so two processes never write at once.
public final class LedgerLock {
    private let handle: FileHandle

    private init(handle: FileHandle) {
        self.handle = handle
    }

    /// Takes the lock or fails at once with a clear message.
    public static func acquire(directory: String) throws -> LedgerLock {
        let layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
        return LedgerLock(handle: try acquire(layout))
    }

    static func acquire(_ layout: LedgerLayout) throws -> FileHandle {
        let lock = try FileHandle.open(layout.lockPath, flags: O_RDWR | O_CREAT, mode: 0o644)
        guard try lock.tryLockExclusive() else {
            throw LedgerError(.locked, "\(layout.directory) is being written by another civic process (lock on \(layout.lockPath)); try again when it has finished")
        }
        return lock
    }
}
