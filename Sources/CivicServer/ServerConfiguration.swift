import CivicAudit
import CivicLedger
import Foundation

/// Everything `civic serve` is told: where to listen, which ledgers, and the limits.
public struct ServerConfiguration: Sendable {
    /// One served ledger: `/ledgers/NAME/` is the ledger at `directory` (or in `store`),
    /// signed with the key at `keyPath`.
    public struct Ledger: Sendable {
        public let name: String
        /// The ledger directory; for a ledger in `store`, its location (for messages).
        public let directory: String
        public let keyPath: String
        /// A ledger kept in a database rather than a directory.
        public let store: StoreAccess?

        public init(name: String, directory: String, keyPath: String) {
            self.name = name
            self.directory = directory
            self.keyPath = keyPath
            self.store = nil
        }

        public init(name: String, store: StoreAccess, keyPath: String) {
            self.name = name
            self.directory = store.location
            self.keyPath = keyPath
            self.store = store
        }
    }

    /// How to reach a ledger kept in a database (a PostgreSQL ledger, which several servers
    /// may write at once): each call opens a new connection.
    public struct StoreAccess: Sendable {
        /// The location for messages (never a password).
        public let location: String
        public let openStore: @Sendable () throws -> any LedgerStore
        public let openTokens: @Sendable () throws -> any WriterTokens

        public init(location: String, openStore: @escaping @Sendable () throws -> any LedgerStore,
                    openTokens: @escaping @Sendable () throws -> any WriterTokens) {
            self.location = location
            self.openStore = openStore
            self.openTokens = openTokens
        }
    }

    /// A witness `civic serve` asks to cosign every ledger's checkpoints (C2SP tlog-witness).
    public struct Witness: Sendable {
        public let url: URL
        public let key: CosignatureVerifier

        public init(url: URL, key: CosignatureVerifier) {
            self.url = url
            self.key = key
        }
    }

    public var host: String
    public var port: Int
    public var ledgers: [Ledger]
    public var ruleSet: RuleSet
    /// How long the writer waits after a pool's first request for others to join it.
    public var poolWindow: Duration = .milliseconds(2)
    /// Entries a pool takes at most (a larger single request is still taken whole).
    public var poolEntryCountMax = 65_536
    /// Requests waiting for a ledger's writer at most; more get 503 with Retry-After.
    public var queueRequestCountMax = 4_096
    /// A write request's body at most (413 beyond).
    public var bodyByteCountMax = 16 << 20
    /// Lines (entries) a write request holds at most (413 beyond).
    public var lineCountMax = 10_000
    /// All request header fields together at most (the HTTP decoder refuses more).
    public var headerByteCountMax = 16 << 10
    /// An idle connection is closed after this long.
    public var idleTimeout: Duration = .seconds(60)
    /// `/healthz` fails when a ledger's newest checkpoint is older than this and writes wait.
    public var checkpointFreshness: Duration = .seconds(300)
    /// The witnesses asked after writes (none: no witnessing).
    public var witnesses: [Witness] = []
    /// How many of `witnesses` must cosign a checkpoint before it is published as witnessed.
    public var quorum = 0
    /// Seconds one witness request may take.
    public var witnessTimeoutSeconds = 10

    public init(host: String, port: Int, ledgers: [Ledger], ruleSet: RuleSet) {
        self.host = host
        self.port = port
        self.ledgers = ledgers
        self.ruleSet = ruleSet
    }

    /// Why the configuration cannot be served, or nil.
    public func problem() -> String? {
        guard !ledgers.isEmpty else { return "at least one --ledger NAME=DIR (or NAME=postgresql://…) is needed" }
        var names: Set<String> = []
        for ledger in ledgers {
            if let problem = TokenStore.nameProblem(ledger.name) { return "ledger name: \(problem)" }
            guard names.insert(ledger.name).inserted else { return "ledger name \(ledger.name) is given twice" }
        }
        guard (0...65_535).contains(port) else { return "the port must be 0 to 65535" }
        if !witnesses.isEmpty {
            if let ledger = ledgers.first(where: { $0.store != nil }) {
                return "--witness does not serve a database ledger yet (\(ledger.name)): its cosignatures are attached to a directory's checkpoints; serve it without --witness"
            }
            guard Set(witnesses.map(\.key)).count == witnesses.count else { return "a witness key is given twice" }
            guard (1...witnesses.count).contains(quorum) else { return "--quorum must be between 1 and the number of witnesses" }
            guard (1...600).contains(witnessTimeoutSeconds) else { return "--witness-timeout must be 1 to 600 seconds" }
        } else if quorum != 0 {
            return "--quorum needs --witness"
        }
        guard poolEntryCountMax > 0, queueRequestCountMax > 0, bodyByteCountMax > 0, lineCountMax > 0,
              headerByteCountMax >= 1024 else { return "every limit must be positive (headers at least 1024 bytes)" }
        return nil
    }
}
