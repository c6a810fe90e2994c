import ArgumentParser
import Foundation
import CivicLedger
import CivicServer
import Logging

extension WitnessCommand {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a witness over HTTP: C2SP tlog-witness POST /add-checkpoint (Ledger/SPEC.md, \"Witness over HTTP\").",
            discussion: """
            Cosigns a checkpoint of a listed log when it is signed by a --log key of its origin and \
            consistent with the last checkpoint this witness cosigned for that origin, which it keeps in \
            --state (one file per origin, fsynced before the answer). Answers 200 with the cosignature line, \
            400 malformed or old size over the checkpoint's, 403 not signed by a trusted key, 404 unknown \
            origin, 409 with the size it last cosigned (text/x.tlog.size) when the old size is not that size, \
            413 body too large, 422 not consistent. Holds STATE/LOCK while it runs. SIGTERM or SIGINT stops it.
            """)

        @Option(help: "Address to listen on, HOST:PORT.")
        var listen: String = "127.0.0.1:8081"

        @Option(help: "The witness's cosigning key file (mode 0600).")
        var key: String

        @Option(help: "The witness's state directory (one file per origin).")
        var state: String

        @Option(help: "A log this witness cosigns, ORIGIN=VKEY (the log's verifier key or a file holding it); repeatable.")
        var log: [String] = []

        @Option(name: .customLong("log-keys"), help: "Follow ORIGIN's key rotations, ORIGIN=URL (the ledger's base URL, e.g. http://host:8080/ledgers/NAME): a checkpoint signed by a key not trusted yet is cosigned only when URL/key-chain?size=N proves the chain from the --log key; repeatable.")
        var logKeys: [String] = []

        func validate() throws {
            if log.isEmpty { throw ValidationError("give --log ORIGIN=VKEY for each log this witness cosigns") }
        }

        func run() throws {
            let (host, port) = try ServeCommand.address(listen)
            var logs: [String: [NoteVerifier]] = [:]
            for (origin, vkey) in try ServeCommand.pairs(log, option: "--log") {
                try NoteVerifier.checkName(origin)
                logs[origin, default: []].append(try TrustAnchor.verifier(vkey))
            }
            var keyChains: [String: WitnessService.KeyChainSource] = [:]
            for (origin, base) in try ServeCommand.pairs(logKeys, option: "--log-keys") {
                let url = try HTTPClient.url(base.hasSuffix("/") ? String(base.dropLast()) : base)
                keyChains[origin] = { size in try Serve.fetchKeyChain(url, size: size) }
            }
            let service = try WitnessService(signer: try KeyFile.loadCosigner(key), logs: logs, stateDirectory: state,
                                             keyChains: keyChains)
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
            let logger = { var logger = Logger(label: "civic.witness"); logger.logLevel = .info; return logger }()
            let server = WitnessServer(service: service, host: host, port: port, logger: logger)
            try BlockingRun.wait {
                try await server.run { port in
                    logger.notice("civic witness listening", metadata: ["host": "\(host)", "port": "\(port)",
                                                                         "witness": "\(service.signer.verifier.vkey)"])
                }
            }
        }

        /// GET URL/key-chain?size=N; anything but a 200 is an error (the witness refuses).
        static func fetchKeyChain(_ base: URL, size: UInt64) throws -> [UInt8] {
            guard let url = URL(string: base.absoluteString + "/key-chain?size=\(size)") else {
                throw LedgerError(.usage, "--log-keys: not a URL")
            }
            let response = try HTTPClient(responseByteCountMax: KeyChainProof.byteCountMax).get(url)
            guard response.status == 200 else { throw LedgerError(.invalidProof, "the log answered \(response.status) for its key chain") }
            return response.body
        }
    }
}
