import CivicLedger

/// Idle read connections to a database ledger, reused across requests. A read checks one
/// out (opening a new one when none is idle), so concurrent reads never share a connection;
/// one that failed with an I/O error is dropped, not returned.
final class StorePool: @unchecked Sendable {
    private let openStore: @Sendable () throws -> any LedgerStore
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private var idle: [any LedgerStore] = []
    /// Idle connections kept at most; more are closed when returned.
    let idleCountMax = 8

    init(openStore: @escaping @Sendable () throws -> any LedgerStore) {
        self.openStore = openStore
    }

    func with<Value>(_ body: (any LedgerStore) throws -> Value) throws -> Value {
        let store = try lock.withLock { idle.popLast() } ?? openStore()
        do {
            let value = try body(store)
            put(store)
            return value
        } catch let error as LedgerError where error.code != .io {
            put(store)
            throw error
        }
    }

    private func put(_ store: any LedgerStore) {
        lock.withLock { if idle.count < idleCountMax { idle.append(store) } }
    }
}
