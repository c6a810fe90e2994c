import CivicLedger

/// A ledger in a PostgreSQL database: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB?ledger=NAME`
/// (also `postgres://`). `host=/socket/dir` in the query connects through a unix socket
/// instead. Several ledgers share one database, told apart by NAME.
public struct PostgresLocation: Sendable, Equatable {
    public static let byteCountMax = 1024
    public let user: String
    public let password: String?
    public let host: String
    public let port: Int
    public let database: String
    public let ledger: String
    /// A unix socket directory, when given (`host=/dir` in the query).
    public let socketDirectory: String?

    /// True for text that names a PostgreSQL location rather than a directory.
    public static func isLocation(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws {
        guard text.utf8.count <= PostgresLocation.byteCountMax else {
            throw LedgerError(.usage, "the PostgreSQL location is over \(PostgresLocation.byteCountMax) bytes")
        }
        guard let schemeEnd = text.range(of: "://"), PostgresLocation.isLocation(text) else {
            throw LedgerError(.usage, "a PostgreSQL location starts with postgresql://")
        }
        let rest = text[schemeEnd.upperBound...]
        let (beforeQuery, query) = PostgresLocation.split(rest, at: "?")
        let (authority, path) = PostgresLocation.split(beforeQuery, at: "/")
        guard let at = authority.lastIndex(of: "@") else {
            throw LedgerError(.usage, "the PostgreSQL location names no user (postgresql://USER@HOST:PORT/DB?ledger=NAME)")
        }
        let (user, password) = PostgresLocation.split(authority[..<at], at: ":")
        let (host, portText) = PostgresLocation.split(authority[authority.index(after: at)...], at: ":")
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let (name, value) = PostgresLocation.split(pair, at: "=")
            guard name == "ledger" || name == "host", parameters[String(name)] == nil else {
                throw LedgerError(.usage, "the PostgreSQL location takes the parameters ledger and host, each once")
            }
            parameters[String(name)] = try PostgresLocation.decoded(value ?? "", what: String(name))
        }
        self.user = try PostgresLocation.decoded(user, what: "user")
        self.password = try password.map { try PostgresLocation.decoded($0, what: "password") }
        self.host = host.isEmpty ? "127.0.0.1" : String(host)
        self.database = try PostgresLocation.decoded(path ?? "", what: "database")
        self.socketDirectory = parameters["host"]
        self.ledger = parameters["ledger"] ?? ""
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw LedgerError(.usage, "the PostgreSQL location's port must be a number from 1 to 65535")
            }
            self.port = port
        } else {
            self.port = 5432
        }
        try validate()
    }

    private func validate() throws {
        guard !user.isEmpty, !database.isEmpty else {
            throw LedgerError(.usage, "the PostgreSQL location needs a user and a database (postgresql://USER@HOST:PORT/DB?ledger=NAME)")
        }
        guard PostgresLocation.isLedgerName(ledger) else {
            throw LedgerError(.usage, "the PostgreSQL location needs ?ledger=NAME: 1 to 64 letters, digits, '.', '_' or '-'")
        }
    }

    static func isLedgerName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a) || byte == 0x2e || byte == 0x5f || byte == 0x2d
        }
    }

    /// The location for messages: never the password.
    public var description: String {
        let socket = socketDirectory.map { "&host=\($0)" } ?? ""
        return "postgresql://\(user)@\(host):\(port)/\(database)?ledger=\(ledger)\(socket)"
    }

    private static func split<S: StringProtocol>(_ text: S, at separator: Character) -> (S.SubSequence, S.SubSequence?) {
        guard let index = text.firstIndex(of: separator) else { return (text[...], nil) }
        return (text[..<index], text[text.index(after: index)...])
    }

    /// Percent-decodes a URL component; malformed escapes are an error, not passed through.
    private static func decoded<S: StringProtocol>(_ text: S, what: String) throws -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw LedgerError(.usage, "the PostgreSQL location's \(what) has a malformed %-escape")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), !decoded.utf8.contains(0) else {
            throw LedgerError(.usage, "the PostgreSQL location's \(what) is not UTF-8 text")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
