/// Where each file of a ledger directory lives (Ledger/SPEC.md, "Storage").
public struct LedgerLayout: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    }

    var lockPath: String { directory + "/LOCK" }
    var entriesDirectory: String { directory + "/entries" }
    var checkpointsDirectory: String { directory + "/checkpoints" }
    var indexPath: String { directory + "/index" }
    var treePath: String { directory + "/tree" }
    var idsPath: String { directory + "/ids" }
    var stateDirectory: String { directory + "/state" }

    /// Segment files are named by the seq of their first entry, 20 decimal digits, so a
    /// plain directory listing sorts them.
    func segmentPath(firstSeq: UInt64) -> String {
        entriesDirectory + "/" + LedgerLayout.padded(firstSeq) + ".jsonl"
    }

    func checkpointPath(size: UInt64) -> String {
        checkpointsDirectory + "/" + LedgerLayout.padded(size)
    }

    static func padded(_ value: UInt64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// Parses a 20-digit file name; nil for anything else (temporary files, strays).
    static func number(fromName name: String, suffix: String = "") -> UInt64? {
        guard name.hasSuffix(suffix) else { return nil }
        let digits = name.dropLast(suffix.count)
        guard digits.utf8.count == 20, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(digits)
    }

    /// True when the directory has the shape of a ledger.
    public var looksLikeLedger: Bool {
        FileSystem.isDirectory(entriesDirectory) && FileSystem.isDirectory(checkpointsDirectory)
            && FileSystem.exists(indexPath) && FileSystem.exists(treePath)
    }

    func requireLedger() throws {
        guard FileSystem.isDirectory(directory) else {
            throw LedgerError(.notALedger, "\(directory): no such directory")
        }
        if FileSystem.isDirectory(entriesDirectory) && FileSystem.isDirectory(checkpointsDirectory) {
            // A ledger that lost its index or tree is damaged, not something else.
            for (name, path) in [("index", indexPath), ("tree", treePath)] where !FileSystem.exists(path) {
                throw LedgerError(.corrupt, "\(directory): the \(name) file is missing; the ledger is damaged")
            }
        }
        guard looksLikeLedger else {
            throw LedgerError(.notALedger, "\(directory) is not a ledger (no entries/, checkpoints/, index and tree); create one with civic init")
        }
    }
}
