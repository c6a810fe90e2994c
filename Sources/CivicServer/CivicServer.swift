import CivicLedger
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// `civic serve`: hosts ledgers under `/ledgers/NAME/`, each with its own writer thread
/// holding the ledger's writer lock while the server runs.
public final class CivicServer: Sendable {
    public let configuration: ServerConfiguration
    let ledgers: [String: HostedLedger]
    let tokens: TokenRegistry
    let metrics = ServerMetrics()
    let logger: Logger

    /// Opens every ledger (taking its writer lock) and starts its writer thread.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        if let problem = configuration.problem() { throw LedgerError(.usage, problem) }
        self.configuration = configuration
        self.logger = logger
        var ledgers: [String: HostedLedger] = [:]
        var stores: [String: TokenSource] = [:]
        do {
            for ledger in configuration.ledgers {
                stores[ledger.name] = try ledger.store.map { TokenSource.database($0.openTokens) }
                    ?? TokenSource.directory(try TokenStore(directory: ledger.directory))
                ledgers[ledger.name] = try HostedLedger(ledger, configuration: configuration, logger: logger, metrics: metrics)
            }
        } catch {
            // Release the locks of the ledgers already open.
            for ledger in ledgers.values { ledger.stop() }
            throw error
        }
        self.ledgers = ledgers
        self.tokens = TokenRegistry(stores: stores)
        for ledger in ledgers.values { ledger.start() }
    }

    /// The routes, for the HTTP server and for tests.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ErrorBodyMiddleware(metrics: metrics))
        let reads = ReadRoutes(ledgers: ledgers)
        let write = WriteRoute(ledgers: ledgers, tokens: tokens, bodyByteCountMax: configuration.bodyByteCountMax,
                               lineCountMax: configuration.lineCountMax)
        router.post("/ledgers/:ledger/entries") { try await write.handle($0, context: $1) }
        router.get("/ledgers/:ledger/checkpoint") { try reads.checkpoint($0, context: $1) }
        router.get("/ledgers/:ledger/witnessed-checkpoint") { try reads.witnessedCheckpoint($0, context: $1) }
        router.get("/ledgers/:ledger/tile/**") { try reads.tile($0, context: $1) }
        router.get("/ledgers/:ledger/entries/:id") { try reads.entry($0, context: $1) }
        router.get("/ledgers/:ledger/receipts/:id") { try reads.receipt($0, context: $1) }
        router.get("/ledgers/:ledger/proofs/:seq") { try reads.proof($0, context: $1) }
        router.get("/ledgers/:ledger/key-chain") { try reads.keyChain($0, context: $1) }
        router.get("/healthz") { _, _ in try self.health() }
        router.get("/metrics") { [metrics] _, _ in
            Responses.bytes(metrics.text(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        return router
    }

    /// 200 when every ledger is writable and its newest checkpoint verifies and no write
    /// has waited longer than the freshness bound; else 503 naming the first problem.
    func health() throws -> Response {
        let (seconds, _) = configuration.checkpointFreshness.components
        let freshnessNanos = UInt64(max(0, seconds)) * 1_000_000_000
        var status: [String: JSONValue] = [:]
        var healthy = true
        for (name, ledger) in ledgers {
            var problem: String?
            do {
                let checkpoint = try ledger.newestCheckpoint()
                if !ledger.isWritable { problem = "not writable: a write failed and the ledger could not be reopened" }
                else if ledger.queue.oldestWaitNanos > freshnessNanos { problem = "writes have waited longer than the freshness bound" }
                status[name] = .object(["size": .integer(Int64(checkpoint.size)), "problem": problem.map { .string($0) } ?? .null])
            } catch let error as LedgerError {
                problem = error.message
                status[name] = .object(["size": .null, "problem": .string(error.message)])
            }
            if problem != nil { healthy = false }
        }
        var response = Responses.json(.object(["ok": .bool(healthy), "ledgers": .object(status)]))
        response.status = healthy ? .ok : .serviceUnavailable
        return response
    }

    /// The HTTP application with the configured limits; `onListening` gets the bound port.
    public func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let (idleSeconds, _) = configuration.idleTimeout.components
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(idleSeconds),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: configuration.headerByteCountMax,
                                            maxHeaderListSize: configuration.headerByteCountMax,
                                            maxHeaderFieldCount: 100))
        return Application(
            router: router(),
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "civic"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests
    /// finish, drains every write queue and releases the locks.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [application(onListening: onListening)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        defer { stop() }
        try await group.run()
    }

    /// Drains the write queues and releases every writer lock. Idempotent.
    public func stop() {
        for ledger in ledgers.values { ledger.stop() }
        logger.info("civic serve stopped; every queued write was finished")
    }
}
