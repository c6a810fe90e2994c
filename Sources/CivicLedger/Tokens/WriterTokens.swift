/// The bearer tokens that may write to one ledger over HTTP, wherever they are kept: a
/// directory's `TokenStore` (`DIR/private/tokens/`), or a PostgreSQL ledger's table
/// (`CivicPostgres`), shared by every `civic serve` node of that ledger. Only each token's
/// SHA-256 is stored; the token is shown once, when it is made.
public protocol WriterTokens {
    /// Where the tokens are kept, for messages (never a password).
    var location: String { get }

    /// Makes a token for `writer`, stores its hash, and returns the token (once).
    func add(writer: String) throws -> String

    /// Removes the token of `writer`.
    func revoke(writer: String) throws

    /// Every writer with a token and its token's SHA-256, sorted by writer.
    func digests() throws -> [(writer: String, digest: Hash32)]
}

extension TokenStore: WriterTokens {
    public var location: String { layout.directory }

    /// A new random token and the SHA-256 it is stored as; the caller shows the token once.
    public static func newToken() throws -> (token: String, digest: Hash32) {
        var secret = try SecureRandom.bytes(32)
        defer { secret.withUnsafeMutableBytes { Cleanse.bytes($0) } }
        let token = tokenPrefix + Hex.encode(secret)
        return (token, digest(token))
    }

    /// Refuses a writer name `nameProblem` rejects.
    public static func requireName(_ name: String) throws {
        if let problem = nameProblem(name) { throw LedgerError(.usage, "writer name: \(problem)") }
    }
}
