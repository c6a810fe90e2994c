import CivicAudit
import CivicLedger
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import CivicServer

/// Two ledgers (`a` and `b`) in a temporary folder, a token for each, and a server over
/// them with small limits, driven through HummingbirdTesting's router client.
struct ServerFixture {
    let root: String
    let signers: [String: NoteSigner]
    let tokens: [String: String]
    let server: CivicServer

    init(configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("civic-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var signers: [String: NoteSigner] = [:]
        var tokens: [String: String] = [:]
        var ledgers: [ServerConfiguration.Ledger] = []
        for name in ["a", "b"] {
            let signer = try NoteSigner.generate(name: "\(name).example.org/ledger")
            let directory = root + "/" + name
            _ = try LedgerWriter.create(directory: directory, genesis: try ServerFixture.body(ServerFixture.genesis(signer)), signer: signer)
            try KeyFile.create(signer, at: root + "/\(name).key")
            tokens[name] = try TokenStore(directory: directory).add(writer: "form")
            signers[name] = signer
            ledgers.append(.init(name: name, directory: directory, keyPath: root + "/\(name).key"))
        }
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, ledgers: ledgers,
                                                ruleSet: try RuleSet.shipped(RuleSet.defaultName))
        configuration.poolWindow = .zero
        configuration.bodyByteCountMax = 8_192
        configuration.lineCountMax = 8
        configure(&configuration)
        self.signers = signers
        self.tokens = tokens
        var logger = Logger(label: "civic.test")
        logger.logLevel = .warning
        server = try CivicServer(configuration: configuration, logger: logger)
    }

    func directory(_ name: String) -> String { root + "/" + name }

    /// Runs `body` with a router client, then stops the server and removes the folder.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        defer {
            server.stop()
            try? FileManager.default.removeItem(atPath: root)
        }
        try await Application(router: server.router()).test(.router) { client in try await body(client) }
    }

    static func genesis(_ signer: NoteSigner) -> String {
        """
        {"kind":"genesis","id":"genesis","date":"2025-01-01","origin":"\(signer.name)","vkey":"\(signer.verifier.vkey)",\
        "currency":"CNY","org":{"name":"Example Foundation","uscc":"53100000500021676K","type":"foundation","public_fundraising":true}}
        """
    }

    static func body(_ json: String) throws -> EntryBody {
        try EntryBody(writerJSON: CanonicalJSON.parse(Array(json.utf8)))
    }

    static func fund(_ code: String, id: String? = nil) -> String {
        """
        {"kind":"fund","id":"\(id ?? "fund-" + code)","date":"2025-01-02","fund":{"code":"\(code)","name":"Fund \(code)","restriction":"unrestricted"}}
        """
    }

    static func donation(_ id: String, value: Int, number: Int) -> String {
        """
        {"kind":"donation","id":"\(id)","date":"2025-03-01","fund":"GEN","amount":{"value":\(value),"currency":"CNY"},\
        "donor":{"ref":"D-1","type":"individual"},"form":"online","receipt":{"series":"R2025","number":\(number)},"category":"assistance"}
        """
    }

    static func disbursement(_ id: String, value: Int) -> String {
        """
        {"kind":"disbursement","id":"\(id)","date":"2025-04-01","fund":"GEN","amount":{"value":\(value),"currency":"CNY"},\
        "category":"assistance","expense":"charitable","beneficiary":{"group":"families in the programme"}}
        """
    }
}

/// A response read whole.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    /// The error object of an error body, checked to have exactly the documented fields.
    func error() throws -> [String: Any] {
        let error = try #require(try json()["error"] as? [String: Any])
        #expect(Set(error.keys) == ["status", "rule", "line", "message"])
        #expect(error["status"] as? Int == status)
        return error
    }

    /// Each entry's seq, in order, from a 200 write response.
    func seqs() throws -> [Int] {
        let entries = try #require(try json()["entries"] as? [[String: Any]])
        return entries.compactMap { $0["seq"] as? Int }
    }

    func checkpointSize() throws -> Int {
        try #require((try json()["checkpoint"] as? [String: Any])?["size"] as? Int)
    }
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> Reply {
        try await execute(uri: uri, method: .get) { Reply(status: Int($0.status.code), headers: $0.headers, bytes: Array($0.body.readableBytesView)) }
    }

    func post(_ ledger: String, token: String?, lines: [String]) async throws -> Reply {
        try await post(ledger, token: token, body: lines.joined(separator: "\n") + "\n")
    }

    func post(_ ledger: String, token: String?, body: String) async throws -> Reply {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer " + token }
        return try await execute(uri: "/ledgers/\(ledger)/entries", method: .post, headers: headers,
                                 body: ByteBuffer(bytes: Array(body.utf8))) {
            Reply(status: Int($0.status.code), headers: $0.headers, bytes: Array($0.body.readableBytesView))
        }
    }
}
