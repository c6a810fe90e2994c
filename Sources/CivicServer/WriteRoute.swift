import CivicLedger
import Hummingbird

/// `POST /ledgers/NAME/entries`: a bearer token's JSON Lines, all or nothing, answered
/// only once durable under a signed checkpoint.
struct WriteRoute: Sendable {
    let ledgers: [String: HostedLedger]
    let tokens: TokenRegistry
    let bodyByteCountMax: Int
    let lineCountMax: Int

    /// A bearer token longer than this is not one of ours (and is not hashed).
    static let tokenByteCountMax = 256

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let ledger = try ReadRoutes.ledger(named: context.parameters.get("ledger"), in: ledgers)
        try authorize(request, ledger: ledger.name)
        let bodies = try await entries(of: request)
        // Requests are pooled into one batch, so a declaration could cover another writer's entries.
        if let line = bodies.firstIndex(where: { $0.kind == .backfill }) {
            throw APIError(.badRequest, "backfill declarations are not taken over HTTP (they cover the rest of a batch, and the server pools requests); use civic import --backfill-until", line: line + 1)
        }
        switch await ledger.queue.submit(bodies) {
        case .accepted(let seqs, let checkpoint, let note):
            let entries: [JSONValue] = zip(bodies, seqs).map { body, seq in
                .object(["id": .string(body.id), "seq": .integer(Int64(seq))])
            }
            return Responses.json(.object([
                "entries": .array(entries),
                "checkpoint": .object([
                    "size": .integer(Int64(checkpoint.size)), "root": .string(checkpoint.root.base64),
                    "note": .string(note.serialized),
                ]),
            ]))
        case .refused(let error):
            throw APIError.refusal(error, lines: Array(1...bodies.count))
        case .failed(let error):
            throw APIError(.internalServerError, "the write failed before it was acknowledged; its entries may or may not be in the log: retry the identical request (a retry never writes twice): \(error.message)")
        case .queueFull:
            var error = APIError(.serviceUnavailable, "the write queue of ledger \(ledger.name) is full; retry later")
            error.retryAfterSeconds = 1
            throw error
        case .stopping:
            var error = APIError(.serviceUnavailable, "the server is shutting down; retry later")
            error.retryAfterSeconds = 5
            throw error
        }
    }

    /// 401 without a known token, 403 with another ledger's.
    private func authorize(_ request: Request, ledger: String) throws {
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "an Authorization: Bearer token is required to write")
        }
        let prefix = "Bearer "
        guard header.utf8.count <= prefix.utf8.count + WriteRoute.tokenByteCountMax, header.hasPrefix(prefix) else {
            throw APIError(.unauthorized, "the Authorization header must be Bearer and a token")
        }
        let token = String(header.dropFirst(prefix.count))
        switch try tokens.verdict(token: token, ledger: ledger) {
        case .allowed: return
        case .otherLedger: throw APIError(.forbidden, "this token writes to another ledger, not \(ledger)")
        case .unknown: throw APIError(.unauthorized, "unknown or revoked token")
        }
    }

    /// The request's entries: 413 over the byte or line limit, 400 for a malformed line.
    private func entries(of request: Request) async throws -> [EntryBody] {
        let bytes = try await BoundedBody.read(request, byteCountMax: bodyByteCountMax)
        let lineCount = bytes.reduce(0) { $1 == 0x0a ? $0 + 1 : $0 } + (bytes.last == 0x0a || bytes.isEmpty ? 0 : 1)
        guard lineCount <= lineCountMax else {
            throw APIError(.contentTooLarge, "the body has \(lineCount) lines, over the \(lineCountMax)-line limit")
        }
        guard lineCount > 0 else { throw APIError(.badRequest, "the body holds no entries (JSON Lines, one entry a line)", line: 1) }
        do {
            return try JSONLinesInput.parse(bytes, name: "body")
        } catch let error as LedgerError {
            throw APIError(.badRequest, error.message, line: error.entryIndex.map { $0 + 1 })
        }
    }
}
