/// Runs async work from a synchronous caller (the CLI's `main`) and waits for it.
public enum BlockingRun {
    public static func wait(_ body: @escaping @Sendable () async throws -> Void) throws {
        final class Outcome: @unchecked Sendable {
            let lock = ConditionLock()
            var done = false
            var error: (any Error)?
        }
        let outcome = Outcome()
        Task.detached {
            var failure: (any Error)?
            do { try await body() } catch { failure = error }
            outcome.lock.withLock {
                outcome.error = failure
                outcome.done = true
                outcome.lock.broadcast()
            }
        }
        try outcome.lock.withLock {
            while !outcome.done { outcome.lock.wait() }
            if let error = outcome.error { throw error }
        }
    }
}
