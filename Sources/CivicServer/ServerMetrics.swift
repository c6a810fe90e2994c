import Metrics
import Prometheus

/// The server's metrics, through swift-metrics into a Prometheus registry of its own (no
/// global bootstrap, so several servers can live in one test process).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let requests: Metrics.Counter
    private let entries: Metrics.Counter
    private let poolRequests: Recorder
    private let poolEntries: Recorder
    private let writeLatency: Metrics.Timer
    private let commitLatency: Metrics.Timer
    private let factory: PrometheusMetricsFactory

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let millisecond = Duration.milliseconds(1)
        let latencyBuckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500].map { millisecond * $0 }
        factory.durationHistogramBuckets = ["civic_pool_write_seconds": latencyBuckets, "civic_pool_commit_seconds": latencyBuckets]
        let sizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096, 16384, 65536]
        factory.valueHistogramBuckets = ["civic_pool_requests": sizeBuckets, "civic_pool_entries": sizeBuckets]
        self.factory = factory
        requests = Metrics.Counter(label: "civic_write_requests_total", factory: factory)
        entries = Metrics.Counter(label: "civic_entries_written_total", factory: factory)
        poolRequests = Recorder(label: "civic_pool_requests", factory: factory)
        poolEntries = Recorder(label: "civic_pool_entries", factory: factory)
        writeLatency = Metrics.Timer(label: "civic_pool_write_seconds", factory: factory)
        commitLatency = Metrics.Timer(label: "civic_pool_commit_seconds", factory: factory)
    }

    /// One pool written: how many requests and new entries, the durable write (appends,
    /// fsyncs, checkpoint) and the whole commit (rules included).
    func recordPool(requests count: Int, entries written: Int, write: Duration, commit: Duration) {
        requests.increment(by: count)
        entries.increment(by: written)
        poolRequests.record(count)
        poolEntries.record(written)
        writeLatency.record(duration: write)
        commitLatency.record(duration: commit)
    }

    /// Counts an HTTP response by route and status.
    func recordResponse(route: String, status: Int) {
        Metrics.Counter(label: "civic_http_responses_total", dimensions: [("route", route), ("status", String(status))],
                factory: factory).increment()
    }

    /// The Prometheus text exposition.
    func text() -> [UInt8] {
        registry.emitToBuffer()
    }
}
