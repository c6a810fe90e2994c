import CivicLedger

/// Where one served ledger's token digests come from, and when `TokenRegistry` reloads them.
/// Used only under the registry's lock.
final class TokenSource: @unchecked Sendable {
    private let load: () throws -> [(writer: String, digest: Hash32)]
    /// Changes whenever the digests may have changed (nil: reload on every request).
    let fingerprint: () -> Int64?

    private init(load: @escaping () throws -> [(writer: String, digest: Hash32)], fingerprint: @escaping () -> Int64?) {
        self.load = load
        self.fingerprint = fingerprint
    }

    func digests() throws -> [(writer: String, digest: Hash32)] { try load() }

    /// A directory's `private/tokens/`: reloaded when the directory's modification time changes.
    static func directory(_ store: TokenStore) -> TokenSource {
        TokenSource(load: { try store.digests() }, fingerprint: { store.fingerprint() })
    }

    /// A database's tokens, shared by every server of the ledger: reloaded at most once a
    /// second (`reloadNanos`), so a token added or revoked on any node takes effect on every
    /// node within a second, without a query on each write. The connection is kept, and
    /// opened again after an error.
    static func database(_ open: @escaping @Sendable () throws -> any WriterTokens) -> TokenSource {
        var tokens: (any WriterTokens)?
        return TokenSource(load: {
            do {
                let current = try tokens ?? open()
                tokens = current
                return try current.digests()
            } catch {
                tokens = nil
                throw error
            }
        }, fingerprint: { Int64(ConditionLock.nowNanos() / reloadNanos) })
    }

    static let reloadNanos: UInt64 = 1_000_000_000
}
