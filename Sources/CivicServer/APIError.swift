import CivicLedger
import Hummingbird

/// An error response: `{"error":{"status":N,"rule":ID|null,"line":N|null,"message":TEXT}}`.
/// Messages come from the ledger's errors, which never quote a rejected value beyond an
/// id made safe by `PersonalData.quotable`.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let rule: String?
    let line: Int?
    let message: String
    var retryAfterSeconds: Int?

    init(_ status: HTTPResponse.Status, _ message: String, rule: String? = nil, line: Int? = nil) {
        self.status = status
        self.message = message
        self.rule = rule
        self.line = line
    }

    var body: [UInt8] {
        let error: [String: JSONValue] = [
            "status": .integer(Int64(status.code)),
            "rule": rule.map { .string($0) } ?? .null,
            "line": line.map { .integer(Int64($0)) } ?? .null,
            "message": .string(message),
        ]
        return CanonicalJSON.encode(.object(["error": .object(error)])) + [0x0a]
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Responses.bytes(body, contentType: "application/json", status: status)
        if let retryAfterSeconds { response.headers[.retryAfter] = String(retryAfterSeconds) }
        return response
    }

    /// The response for a ledger error while writing: its code and rule id decide the status.
    static func refusal(_ error: LedgerError, lines: [Int]) -> APIError {
        let line = error.entryIndex.flatMap { $0 < lines.count ? lines[$0] : nil }
        let rule = error.code == .refused ? ruleID(of: error.message) : nil
        switch error.code {
        case .refused where rule == "STD-IDEMP":
            return APIError(.conflict, error.message, rule: rule, line: line)
        case .refused:
            return APIError(.unprocessableContent, error.message, rule: rule, line: line)
        case .invalidEntry, .invalidJSON, .usage:
            return APIError(.badRequest, error.message, line: line)
        default:
            return APIError(.internalServerError, error.message)
        }
    }

    /// The rule id a refusal message starts with (`STD-FUND-BAL: …`), if any.
    static func ruleID(of message: String) -> String? {
        guard let colon = message.firstIndex(of: ":") else { return nil }
        let id = message[..<colon]
        guard !id.isEmpty, id.count <= 64, id.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d })
        else { return nil }
        return String(id)
    }
}

/// Turns every error a route or Hummingbird throws into the JSON error body, and counts
/// responses by route and status.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as HTTPError {
            response = try APIError(error.status, error.body ?? error.status.reasonPhrase).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\((error as? LedgerError)?.message ?? "\(error)")"])
            response = try APIError(.internalServerError, "internal error").response(from: request, context: context)
        }
        metrics.recordResponse(route: context.endpointPath ?? "unmatched", status: response.status.code)
        return response
    }
}

/// Small response builders.
enum Responses {
    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok,
                      cacheControl: String? = "no-cache") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        if let cacheControl { headers[.cacheControl] = cacheControl }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: JSONValue) -> Response {
        bytes(CanonicalJSON.encode(value) + [0x0a], contentType: "application/json")
    }
}
