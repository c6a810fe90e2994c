import CivicLedger

/// Every served ledger's token digests, reloaded from `DIR/private/tokens/` whenever that
/// directory changes (from a database's `civic_tokens` once a second, `TokenSource`), so
/// `civic token add` and `revoke` take effect while the server runs.
final class TokenRegistry: @unchecked Sendable {
    enum Verdict: Equatable, Sendable {
        case allowed(writer: String)
        /// A valid token of another served ledger.
        case otherLedger
        case unknown
    }

    private struct Cached {
        var fingerprint: Int64?
        var digests: [(writer: String, digest: Hash32)]
    }

    private let stores: [String: TokenSource]
    private let lock = ConditionLock()
    private var cache: [String: Cached] = [:]

    init(stores: [String: TokenSource]) {
        self.stores = stores
    }

    /// Who `token` lets write to `ledger`. Every stored digest of every ledger is compared,
    /// each in constant time, so the answer's timing says nothing about near misses.
    func verdict(token: String, ledger: String) throws -> Verdict {
        let presented = TokenStore.digest(token)
        var verdict = Verdict.unknown
        for (name, store) in stores.sorted(by: { $0.key < $1.key }) {
            for entry in try digests(name, store) where TokenStore.constantTimeEqual(entry.digest, presented) {
                if name == ledger { verdict = .allowed(writer: entry.writer) } else if verdict == .unknown { verdict = .otherLedger }
            }
        }
        return verdict
    }

    private func digests(_ name: String, _ store: TokenSource) throws -> [(writer: String, digest: Hash32)] {
        try lock.withLock {
            let fingerprint = store.fingerprint()
            if let cached = cache[name], cached.fingerprint == fingerprint, fingerprint != nil { return cached.digests }
            let digests = try store.digests()
            cache[name] = Cached(fingerprint: fingerprint, digests: digests)
            return digests
        }
    }
}
