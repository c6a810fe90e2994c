import ArgumentParser
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
            let service = try WitnessService(signer: try KeyFile.loadCosigner(key), logs: logs, stateDirectory: state)
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
    }
}
