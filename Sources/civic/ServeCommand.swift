import ArgumentParser
import CivicLedger
import CivicPostgres
import CivicServer
import Logging

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve ledgers over HTTP: token-authenticated writes, public reads (Ledger/openapi.yaml).",
        discussion: """
        Holds each ledger directory's writer lock while it runs. A PostgreSQL ledger \
        (NAME=postgresql://…) is locked per batch instead, so several civic serve processes may \
        serve and write the same one (README, "Serving"). SIGTERM (or SIGINT) stops accepting, finishes every \
        write in flight, and exits 0. TLS belongs to a reverse proxy in front (README, "Serving"). With \
        --witness, each new checkpoint is sent to the witnesses after its writes are acknowledged (never \
        before), their cosignatures are attached, and the newest checkpoint with --quorum of them is \
        served at /ledgers/NAME/witnessed-checkpoint and used for receipts.
        """)

    @Option(help: "Address to listen on, HOST:PORT.")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "A served ledger, NAME=DIR or NAME=postgresql://… (repeatable): served under /ledgers/NAME/.")
    var ledger: [String] = []

    @Option(help: "The signing key of a served ledger, NAME=KEYFILE (repeatable; one for each --ledger).")
    var key: [String] = []

    @Option(help: "Milliseconds a pool waits after its first request for others to join it.")
    var poolWindowMs: Int = 2

    @Option(help: "Write requests waiting for a ledger's writer at most; more get 503 and Retry-After.")
    var queueMax: Int = 4_096

    @Option(help: "Bytes a write request's body holds at most (413 beyond).")
    var bodyMax: Int = 16 << 20

    @Option(help: "Entries (lines) a write request holds at most (413 beyond).")
    var linesMax: Int = 10_000

    @Option(help: "Seconds an idle connection is kept open.")
    var idleTimeout: Int = 60

    @Option(help: "A witness asked to cosign every ledger's checkpoints, URL=WVKEY (submission URL, cosignature verifier key or a file holding it); repeatable.")
    var witness: [String] = []

    @Option(help: "How many witnesses must cosign a checkpoint before it is published as witnessed (default: all).")
    var quorum: Int?

    @Option(help: "Seconds one witness request may take.")
    var witnessTimeout: Int = 10

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let (host, port) = try ServeCommand.address(listen)
        let keys = try ServeCommand.pairs(key, option: "--key")
        let ledgers = try ServeCommand.pairs(ledger, option: "--ledger").map { name, directory in
            guard let keyPath = keys.first(where: { $0.0 == name })?.1 else {
                throw LedgerError(.usage, "--ledger \(name) has no --key \(name)=KEYFILE")
            }
            guard LedgerLocation.isDatabase(directory) else {
                return ServerConfiguration.Ledger(name: name, directory: directory, keyPath: keyPath)
            }
            let location = try PostgresLocation(directory)
            return ServerConfiguration.Ledger(name: name, store: ServerConfiguration.StoreAccess(
                location: location.description, openStore: { try PostgresStore.open(location) },
                openTokens: { try PostgresTokens(location) }), keyPath: keyPath)
        }
        for (name, _) in keys where !ledgers.contains(where: { $0.name == name }) {
            throw LedgerError(.usage, "--key \(name) names no --ledger")
        }
        var configuration = ServerConfiguration(host: host, port: port, ledgers: ledgers, ruleSet: try ruleOptions.load())
        guard poolWindowMs >= 0, poolWindowMs <= 1000, idleTimeout > 0 else {
            throw LedgerError(.usage, "--pool-window-ms is 0 to 1000 and --idle-timeout positive")
        }
        configuration.poolWindow = .milliseconds(poolWindowMs)
        configuration.queueRequestCountMax = queueMax
        configuration.bodyByteCountMax = bodyMax
        configuration.lineCountMax = linesMax
        configuration.idleTimeout = .seconds(idleTimeout)
        configuration.witnesses = try witness.map { argument in
            let (url, vkey) = try WitnessClient.split(argument)
            return ServerConfiguration.Witness(url: url, key: try TrustAnchor.cosignatureVerifier(vkey))
        }
        configuration.quorum = quorum ?? configuration.witnesses.count
        configuration.witnessTimeoutSeconds = witnessTimeout
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = ServeCommand.logger()
        let server = try CivicServer(configuration: configuration, logger: logger)
        try BlockingRun.wait {
            try await server.run { port in
                logger.notice("civic serve listening", metadata: ["host": "\(host)", "port": "\(port)"])
            }
        }
    }

    private static func logger() -> Logger {
        var logger = Logger(label: "civic.serve")
        logger.logLevel = .info
        return logger
    }

    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65_535).contains(port), colon != text.startIndex else {
            throw LedgerError(.usage, "--listen must be HOST:PORT (port 0 to 65535)")
        }
        return (String(text[..<colon]), port)
    }

    static func pairs(_ values: [String], option: String) throws -> [(String, String)] {
        try values.map { value in
            guard let equals = value.firstIndex(of: "="), equals != value.startIndex, value.index(after: equals) != value.endIndex else {
                throw LedgerError(.usage, "\(option) must be NAME=VALUE")
            }
            return (String(value[..<equals]), String(value[value.index(after: equals)...]))
        }
    }
}
