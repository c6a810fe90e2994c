import CivicLedger
import Foundation

extension LedgerError {
    /// A failed Foundation file operation as one plain line naming the path, in the words of
    /// the ledger's own I/O errors: Foundation's texts ("NSCocoaErrorDomain error 512",
    /// "You don't have permission") never reach the user.
    static func cannotWrite(_ path: String, _ error: any Error) -> LedgerError {
        fileFailure(path, "written", error)
    }

    /// `path` cannot be `done` ("written", "listed"): the reason in plain words.
    static func fileFailure(_ path: String, _ done: String, _ error: any Error) -> LedgerError {
        let reason = errorNumber(of: error).map { LedgerError.reason(errno: $0) } ?? "the operation failed"
        return LedgerError(.usage, "\(path): cannot be \(done): \(reason)")
    }

    /// The operating-system error number behind a Foundation error, when it carries one.
    private static func errorNumber(of error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(exactly: error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(exactly: underlying.code)
        }
        guard error.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        default: return nil
        }
    }
}
