import CivicLedger
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `HTTPClient` against a live loopback server: what it returns, and what it refuses.
@Suite struct HTTPClientTests {
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/small") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain", .init("X-Test")!: "yes"],
                                                body: .init(byteBuffer: ByteBuffer(string: "hello\n"))) }
        router.post("/echo") { request, _ in
            Response(status: .created, body: .init(byteBuffer: try await request.body.collect(upTo: 1 << 16)))
        }
        router.get("/big") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0x61, count: 100_000))) }
        router.get("/moved") { _, _ in Response(status: .found, headers: [.location: "/small"]) }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .seconds(5))
            return Response(status: .ok)
        }
        return router
    }

    func live(_ body: @escaping @Sendable (URL) async throws -> Void) async throws {
        var logger = Logger(label: "civic.http.test")
        logger.logLevel = .warning
        try await Application(router: HTTPClientTests.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              logger: logger).test(.live) { client in
            let port = try #require(client.port)
            try await body(try HTTPClient.url("http://127.0.0.1:\(port)"))
        }
    }

    @Test func getAndPostReturnStatusHeadersAndBody() async throws {
        try await live { base in
            let client = HTTPClient(timeoutSeconds: 60, responseByteCountMax: 1024)
            let small = try client.get(base.appendingPathComponent("small"))
            #expect(small.status == 200 && small.body == Array("hello\n".utf8) && small.header("x-test") == "yes")
            let echoed = try await client.send(base.appendingPathComponent("echo"), body: Array("abc".utf8))
            #expect(echoed.status == 201 && echoed.body == Array("abc".utf8))
            let moved = try await client.fetch(base.appendingPathComponent("moved"))
            #expect(moved.status == 302, "a redirect is returned, not followed")
        }
    }

    @Test func oversizedAndSlowResponsesAreRefused() async throws {
        try await live { base in
            // Separate clients: on a loaded machine a 1 s exchange can time out before the
            // 100 KB body arrives, which would test the timeout twice and the bound never.
            let bounded = HTTPClient(timeoutSeconds: 60, responseByteCountMax: 1024)
            let client = HTTPClient(timeoutSeconds: 1, responseByteCountMax: 1024)
            do { _ = try await bounded.fetch(base.appendingPathComponent("big")); Issue.record("a 100 KB body passed a 1 KB bound") } catch let error as LedgerError {
                #expect(error.code == .io && error.message.contains("larger than 1024 bytes"))
            }
            do { _ = try client.get(base.appendingPathComponent("slow")); Issue.record("a reply after the timeout passed") } catch let error as LedgerError {
                #expect(error.code == .io && error.message.contains("no complete answer within the timeout"))
            }
        }
    }

    @Test func onlyHTTPURLsWithAHost() throws {
        for bad in ["", "ftp://example.org/", "http://", "example.org/x", "file:///etc/passwd"] {
            #expect(throws: LedgerError.self) { try HTTPClient.url(bad) }
        }
        #expect(try HTTPClient.url("https://example.org/w").host == "example.org")
    }
}
