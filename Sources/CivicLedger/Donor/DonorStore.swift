#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The private side store of donor records inside a ledger directory:
/// `DIR/private/donors/<ref>.json` (directories 0700, files 0600), one canonical record
/// and a line feed per file. It is not part of the log: erasing a record (redaction)
/// leaves every entry, hash and checkpoint as it was.
///
/// Every call that changes the store holds the ledger's `LedgerLock`, so it never races a
/// writer or another store change. Reads take no lock.
public struct DonorStore: Sendable {
    public let layout: LedgerLayout

    /// Opens the store of the ledger at `directory`; the directory must be a ledger.
    public init(directory: String) throws {
        layout = LedgerLayout(directory: directory)
        try layout.requireLedger()
    }

    /// `DIR/private`.
    public var privateDirectory: String { layout.directory + "/private" }
    /// `DIR/private/donors`.
    public var donorsDirectory: String { privateDirectory + "/donors" }

    /// Where the record of `ref` lives (whether or not it exists).
    public func path(ref: String) -> String { donorsDirectory + "/" + ref + ".json" }

    private func temporaryPath(ref: String) -> String { donorsDirectory + "/." + ref + ".json.tmp" }

    /// Stores a new record, atomically and durably. Refuses a ref that already has a record.
    public func add(_ record: DonorRecord) throws {
        try withExtendedLifetime(try LedgerLock.acquire(directory: layout.directory)) { _ in
            try prepareDirectories()
            let target = path(ref: record.ref)
            if entryExists(target) { throw alreadyExists(record.ref) }
            var bytes = record.canonicalBytes() + [0x0a]
            defer { bytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
            try createAtomically(bytes, at: target, temporary: temporaryPath(ref: record.ref), ref: record.ref)
        }
    }

    /// The stored record of `ref`, parsed strictly.
    public func record(ref: String) throws -> DonorRecord {
        try checkRef(ref)
        let target = path(ref: ref)
        guard entryExists(target) else { throw missing(ref) }
        try requirePrivate(privateDirectory)
        try requirePrivate(donorsDirectory)
        let handle = try FileHandle.open(target, flags: O_RDONLY | O_NOFOLLOW)
        var bytes = try handle.readAll(limit: DonorRecord.byteCountMax, code: .invalidEntry)
        defer { bytes.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        let record: DonorRecord
        do { record = try DonorRecord.parse(bytes) } catch let error as LedgerError {
            throw LedgerError(error.code, "\(target): \(error.message)")
        }
        guard record.ref == ref else {
            throw LedgerError(.corrupt, "\(target) holds the record of ref \(record.ref), not \(ref)")
        }
        return record
    }

    /// Erases the record of `ref`: its bytes are overwritten with zeros and fsynced, the
    /// file is unlinked and the directory fsynced. Overwriting in place is best effort on
    /// journaling and copy-on-write file systems and on flash (SECURITY.md).
    public func redact(ref: String) throws {
        try checkRef(ref)
        try withExtendedLifetime(try LedgerLock.acquire(directory: layout.directory)) { _ in
            let target = path(ref: ref)
            guard entryExists(target) else { throw missing(ref) }
            try requirePrivate(privateDirectory)
            try requirePrivate(donorsDirectory)
            // A temporary file left by a crash during `add` holds the same data.
            let temporary = temporaryPath(ref: ref)
            if entryExists(temporary) { try wipe(temporary, ref: ref) }
            try wipe(target, ref: ref)
            try FileSystem.syncDirectory(donorsDirectory)
        }
    }

    /// The refs that have a record, sorted.
    public func refs() throws -> [String] {
        guard entryExists(donorsDirectory) else { return [] }
        try requirePrivate(donorsDirectory)
        return try FileSystem.list(donorsDirectory).compactMap { name -> String? in
            guard name.hasSuffix(".json") else { return nil }
            let ref = String(name.dropLast(".json".count))
            return DonorRecord.refProblem(ref) == nil ? ref : nil
        }
    }

    // MARK: - Files

    private func prepareDirectories() throws {
        try PrivateDirectory.prepare([(privateDirectory, layout.directory), (donorsDirectory, privateDirectory)],
                                     holding: DonorStore.holding)
    }

    private func requirePrivate(_ directory: String) throws {
        try PrivateDirectory.require(directory, holding: DonorStore.holding)
    }

    private static let holding = "donor records are personal data"

    /// Writes a temporary file (0600), fsyncs it, links it to `target` (which fails if the
    /// target exists, so nothing is ever overwritten), removes the temporary name and
    /// fsyncs the directory. A crash leaves either no record or the whole record.
    private func createAtomically(_ bytes: [UInt8], at target: String, temporary: String, ref: String) throws {
        let handle = try FileHandle.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, mode: 0o600)
        guard fchmod(handle.descriptor, 0o600) == 0 else { throw FileHandle.error("chmod", temporary) }
        try handle.truncate(to: 0)
        try handle.write(bytes, at: 0)
        try handle.sync()
        guard link(temporary, target) == 0 else {
            let failure = errno == EEXIST ? alreadyExists(ref) : FileHandle.error("link", target)
            // The temporary file holds personal data: a failure to wipe it is reported too.
            do { try wipe(temporary, ref: ref) } catch let wipeError as LedgerError {
                throw LedgerError(failure.code, "\(failure.message); and the temporary record could not be wiped (\(wipeError.message)): remove it")
            }
            throw failure
        }
        try FileSystem.remove(temporary)
        try FileSystem.syncDirectory(donorsDirectory)
    }

    /// Overwrites a regular file's bytes with zeros, fsyncs it and unlinks it.
    private func wipe(_ file: String, ref: String) throws {
        let handle = try FileHandle.open(file, flags: O_WRONLY | O_NOFOLLOW)
        guard (try handle.mode() & S_IFMT) == S_IFREG else {
            throw LedgerError(.usage, "\(file): the record of ref \(ref) is not a regular file; not touched")
        }
        let size = try handle.size()
        var offset: Int64 = 0
        let block = [UInt8](repeating: 0, count: 1 << 16)
        while offset < size {
            let count = Int(min(Int64(block.count), size - offset))
            try handle.write(count == block.count ? block : Array(block[..<count]), at: offset)
            offset += Int64(count)
        }
        try handle.sync()
        try FileSystem.remove(file)
    }

    /// True when a directory entry of that name exists, even a dangling link.
    private func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private func checkRef(_ ref: String) throws {
        try DonorRecord.checkLookupRef(ref)
    }

    private func alreadyExists(_ ref: String) -> LedgerError {
        LedgerError(.usage, "\(layout.directory): donor ref \(ref) already has a record (\(path(ref: ref))); refusing to overwrite it")
    }

    private func missing(_ ref: String) -> LedgerError {
        LedgerError(.usage, "\(layout.directory): no donor record for ref \(PersonalData.quotable(ref)) (never added, or redacted)")
    }
}
