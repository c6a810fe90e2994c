import CivicLedger
#if canImport(Glibc)
import Glibc
#endif

/// A progress line on standard error for long work (rate, done/total, time left), redrawn
/// at most four times a second and cleared at the end; nothing at all unless standard
/// error is a terminal (`ProgressLine.enabled`), so pipes, logs and tests stay clean.
final class ProgressMeter {
    private let label: String
    private let total: UInt64?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var last: Int64?
    private let stride: UInt64
    private var calls: UInt64 = 0
    private var drawn = false

    /// nil when standard error is not a terminal. The clock is read every `stride` updates.
    init?(label: String, total: UInt64?, stride: UInt64 = 256) {
        let term = getenv("TERM").map { String(cString: $0) }
        guard ProgressLine.enabled(standardErrorIsTerminal: isatty(2) == 1, term: term) else { return nil }
        self.label = label
        self.total = total
        self.stride = max(stride, 1)
        start = clock.now
    }

    /// `done` entries so far; cheap enough to call for every entry.
    func update(_ done: UInt64) {
        calls &+= 1
        guard calls % stride == 0 || done == total else { return }
        let elapsed = start.duration(to: clock.now).components
        let now = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        guard ProgressLine.due(now: now, last: last) else { return }
        last = now
        drawn = true
        write(ProgressLine.clear + ProgressLine.text(label: label, done: done, total: total, elapsedMilliseconds: now))
    }

    /// Clears the line (when one was drawn).
    func finish() {
        if drawn { write(ProgressLine.clear) }
        drawn = false
    }

    private func write(_ text: String) {
        StandardError.write(text)
    }
}
