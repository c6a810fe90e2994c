import ArgumentParser
import CivicLedger
#if canImport(Glibc)
import Glibc
#endif

struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch a log for auditors: check its newest checkpoint against the last one seen; exit 1 on a rollback, fork, bad signature or stale log.",
        discussion: """
        SOURCE is a ledger directory, a civic publish directory (tlog-tiles), or a server's ledger URL \
        (http://HOST:PORT/ledgers/NAME for civic serve, or wherever a publish directory is hosted). Each run fetches the \
        newest checkpoint, reads the entries added since the checkpoint stored in --state, follows key \
        rotations from the pinned --vkey, requires the new entries to extend the stored tree to the new \
        root, checks the signature under the key in force, and stores the checkpoint atomically. The \
        first run reads the whole log and trusts what it finds from then on. Prints one line per check. \
        Exit 0 when all pass, 1 on a rollback, a fork, a bad signature or key rotation, or no new \
        checkpoint for longer than --max-age seconds, 2 on a usage or input error.
        """)

    @Argument(help: "A ledger directory, a civic publish (tlog-tiles) directory, or a server's ledger URL.")
    var source: String

    @Option(help: "Trusted verifier key of the log's first key (or a file holding it).")
    var vkey: String

    @Option(help: "Directory where the monitor keeps what it saw (create it once).")
    var state: String

    @Option(name: .customLong("max-age"), help: "Fail when no new checkpoint has appeared for longer than this many seconds.")
    var maxAge: Int64?

    @Option(help: "Run again every this many seconds until a check fails (default: run once).")
    var every: UInt32?

    func validate() throws {
        if let maxAge, maxAge < 0 { throw ValidationError("--max-age must not be negative") }
        if let every, every == 0 { throw ValidationError("--every must be at least 1") }
    }

    func run() throws {
        let monitor = LogMonitor(source: try openSource(), pinned: try TrustAnchor.verifier(vkey),
                                 stateDirectory: state, maxAgeSeconds: maxAge)
        while true {
            try monitor.run(now: UTCClock.unixNow()) { Terminal.line($0) }
            guard let every else { return }
            Terminal.flush()
            sleep(every)
        }
    }

    private func openSource() throws -> LogSource {
        if source.hasPrefix("http://") || source.hasPrefix("https://") { return try TileLogSource(url: source) }
        if LedgerLayout(directory: source).looksLikeLedger { return try LedgerDirectorySource(directory: source) }
        guard FileSystem.exists(source + "/checkpoint") else {
            throw LedgerError(.usage, "\(source) is neither a ledger directory nor a publication directory (no checkpoint file)")
        }
        return TileLogSource(directory: source)
    }
}
