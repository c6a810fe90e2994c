import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one place CivicLedger makes HTTP requests (a witness's add-checkpoint, a monitor's
/// checkpoint fetch). Every response is treated as hostile: its body is bounded while it
/// arrives (the transfer is cancelled past `responseByteCountMax`), the whole exchange is
/// bounded in time, and redirects are not followed (a 3xx comes back as it is), so a
/// server can never send the caller somewhere it was not configured to go.
public struct HTTPClient: Sendable {
    public struct Response: Sendable, Equatable {
        public let status: Int
        /// Header names in lower case (HTTP names are case-insensitive).
        public let headers: [String: String]
        public let body: [UInt8]

        public init(status: Int, headers: [String: String], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// The longest a request may take from start to last byte.
    public let timeoutSeconds: Double
    /// The largest response body accepted.
    public let responseByteCountMax: Int

    public init(timeoutSeconds: Double = 10, responseByteCountMax: Int = 1 << 20) {
        precondition(timeoutSeconds > 0 && responseByteCountMax > 0, "an HTTP client needs positive limits")
        self.timeoutSeconds = timeoutSeconds
        self.responseByteCountMax = responseByteCountMax
    }

    /// GET `url`, blocking the calling thread (for the CLI; use `fetch` from async code).
    public func get(_ url: URL, headers: [String: String] = [:]) throws -> Response {
        try sendBlocking(request(url, method: "GET", headers: headers, body: nil))
    }

    /// POST `body` to `url`, blocking the calling thread (for the CLI).
    public func post(_ url: URL, body: [UInt8], headers: [String: String] = [:]) throws -> Response {
        try sendBlocking(request(url, method: "POST", headers: headers, body: body))
    }

    /// GET `url` from async code.
    public func fetch(_ url: URL, headers: [String: String] = [:]) async throws -> Response {
        try await send(request(url, method: "GET", headers: headers, body: nil))
    }

    /// POST `body` to `url` from async code.
    public func send(_ url: URL, body: [UInt8], headers: [String: String] = [:]) async throws -> Response {
        try await send(request(url, method: "POST", headers: headers, body: body))
    }

    /// Parses `text` as an http or https URL with a host, or says what is wrong with it.
    public static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw LedgerError(.usage, "not an http:// or https:// URL with a host: \(text.debugDescription)")
        }
        return url
    }

    private func request(_ url: URL, method: String, headers: [String: String], body: [UInt8]?) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeoutSeconds)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body) }
        return request
    }

    private func sendBlocking(_ request: URLRequest) throws -> Response {
        let done = DispatchSemaphore(value: 0)
        let outcome = HTTPTransfer.Outcome()
        start(request) { result in
            outcome.set(result)
            done.signal()
        }
        done.wait()
        return try outcome.get()
    }

    private func send(_ request: URLRequest) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            start(request) { continuation.resume(with: $0) }
        }
    }

    /// Runs one request in its own session (so a cancelled transfer never affects
    /// another) and calls `completion` exactly once.
    private func start(_ request: URLRequest, completion: @escaping @Sendable (Result<Response, LedgerError>) -> Void) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        let transfer = HTTPTransfer(label: "\(request.httpMethod ?? "GET") \(request.url?.absoluteString ?? "")",
                                    byteCountMax: responseByteCountMax, completion: completion)
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
        session.dataTask(with: request).resume()
        session.finishTasksAndInvalidate()
    }
}
