import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange for `HTTPClient`: collects the response body up to a bound,
/// cancelling the transfer as soon as it is passed (by Content-Length or by bytes
/// received), refuses redirects, and reports exactly once.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// A result handed from the session's queue to a blocked caller.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<HTTPClient.Response, LedgerError>?

        func set(_ result: Result<HTTPClient.Response, LedgerError>) {
            lock.withLock { self.result = result }
        }

        func get() throws -> HTTPClient.Response {
            guard let result = lock.withLock({ self.result }) else {
                preconditionFailure("an HTTP transfer finished without a result")
            }
            return try result.get()
        }
    }

    private let label: String
    private let byteCountMax: Int
    private let completion: @Sendable (Result<HTTPClient.Response, LedgerError>) -> Void
    // Guarded by `lock`: the session calls the delegate on its own serial queue, but the
    // state is also read when the task completes, so it is locked to be plainly safe.
    private let lock = NSLock()
    private var response: HTTPURLResponse?
    private var body: [UInt8] = []
    private var refusal: LedgerError?
    private var reported = false

    init(label: String, byteCountMax: Int, completion: @escaping @Sendable (Result<HTTPClient.Response, LedgerError>) -> Void) {
        self.label = label
        self.byteCountMax = byteCountMax
        self.completion = completion
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            refuse(LedgerError(.io, "\(label): the reply is not an HTTP response"), dataTask)
            completionHandler(.cancel)
            return
        }
        if http.expectedContentLength > Int64(byteCountMax) {
            refuse(tooLarge(), dataTask)
            completionHandler(.cancel)
            return
        }
        lock.withLock { self.response = http }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock { () -> Bool in
            guard refusal == nil else { return false }
            guard data.count <= byteCountMax - body.count else { return true }
            body.append(contentsOf: data)
            return false
        }
        if over { refuse(tooLarge(), dataTask) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)  // the 3xx itself is the answer
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let result: Result<HTTPClient.Response, LedgerError> = lock.withLock {
            if let refusal { return .failure(refusal) }
            if let error { return .failure(LedgerError(.io, "\(label): \(Self.describe(error))")) }
            guard let response else { return .failure(LedgerError(.io, "\(label): no response")) }
            return .success(HTTPClient.Response(status: response.statusCode, headers: headers(of: response), body: body))
        }
        report(result)
    }

    private func refuse(_ error: LedgerError, _ task: URLSessionTask) {
        lock.withLock { if refusal == nil { refusal = error } }
        task.cancel()
    }

    private func report(_ result: Result<HTTPClient.Response, LedgerError>) {
        let first = lock.withLock { () -> Bool in
            defer { reported = true }
            return !reported
        }
        if first { completion(result) }
    }

    /// A plain sentence for a transfer failure: Foundation's own texts are not shown, they
    /// are vague ("The operation could not be completed") and vary between platforms.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? URLError else { return "the transfer failed" }
        switch error.code {
        case .timedOut: return "no complete answer within the timeout"
        case .cannotConnectToHost: return "could not connect (nothing listening, or refused)"
        case .cannotFindHost, .dnsLookupFailed: return "the host name did not resolve"
        case .networkConnectionLost: return "the connection closed before the answer was complete"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "the TLS connection could not be established or its certificate is not trusted"
        case .cancelled: return "the transfer was cancelled"
        default: return "the transfer failed (URL error \(error.code.rawValue))"
        }
    }

    private func tooLarge() -> LedgerError {
        LedgerError(.io, "\(label): the response is larger than \(byteCountMax) bytes; it was not read")
    }

    private func headers(of response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            guard let name = name as? String, let value = value as? String else { continue }
            headers[name.lowercased()] = value
        }
        return headers
    }
}
