import CivicLedger
import Dispatch
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// `civic witness serve`: C2SP tlog-witness over HTTP, one route, `POST /add-checkpoint`.
/// It lives beside `civic serve` in this module for the HTTP plumbing only: it shares no
/// state with a hosted ledger, and is meant to run on another machine, under another
/// operator, than the log it watches.
public final class WitnessServer: Sendable {
    public let service: WitnessService
    let host: String
    let port: Int
    let logger: Logger
    /// The state's compare, fsync and rename run here, off the server's threads.
    private let worker = DispatchQueue(label: "civic.witness.state")

    public init(service: WitnessService, host: String, port: Int, logger: Logger) {
        self.service = service
        self.host = host
        self.port = port
        self.logger = logger
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/add-checkpoint") { request, _ in await self.addCheckpoint(request) }
        return router
    }

    /// Every answer is plain text: the cosignature lines, the size for a 409, or one line
    /// saying why (never quoting the request).
    func addCheckpoint(_ request: Request) async -> Response {
        let body: [UInt8]
        do { body = try await BoundedBody.read(request, byteCountMax: AddCheckpointRequest.byteCountMax) } catch let error as APIError {
            return WitnessServer.text(error.message, status: error.status)
        } catch {
            return WitnessServer.text("the request body could not be read", status: .badRequest)
        }
        do {
            let parsed = try AddCheckpointRequest(body: body)
            let lines = try await cosign(parsed)
            logger.info("cosigned", metadata: ["origin": "\(parsed.checkpoint.origin)", "size": "\(parsed.checkpoint.size)"])
            return Responses.bytes(Array(lines.map(\.line).joined().utf8), contentType: "text/plain; charset=utf-8")
        } catch let refusal as AddCheckpointRefusal {
            logger.info("refused", metadata: ["status": "\(refusal.status)", "reason": "\(refusal.message)"])
            if case .conflict(let size) = refusal {
                return Responses.bytes(Array("\(size)\n".utf8), contentType: "text/x.tlog.size", status: .conflict)
            }
            return WitnessServer.text(refusal.message, status: HTTPResponse.Status(code: refusal.status))
        } catch {
            let message = (error as? LedgerError)?.message ?? "\(error)"
            logger.error("add-checkpoint failed; nothing was cosigned", metadata: ["error": "\(message)"])
            return WitnessServer.text("the witness could not read or save its state; nothing was cosigned", status: .internalServerError)
        }
    }

    private func cosign(_ request: AddCheckpointRequest) async throws -> [SignedNote.Signature] {
        try await withCheckedThrowingContinuation { continuation in
            worker.async { [service] in
                continuation.resume(with: Result {
                    try service.add(request, timestamp: UInt64(clamping: UTCClock.unixNow()))
                })
            }
        }
    }

    static func text(_ message: String, status: HTTPResponse.Status) -> Response {
        Responses.bytes(Array((message + "\n").utf8), contentType: "text/plain; charset=utf-8", status: status)
    }

    /// Serves until SIGTERM or SIGINT; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let application = Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(address: .hostname(host, port: port), serverName: "civic-witness"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
    }
}
