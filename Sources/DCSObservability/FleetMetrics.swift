import Metrics
import Prometheus

/// The fleet's metrics: typed recording helpers over swift-metrics, exposed in Prometheus format.
///
/// Use ``shared`` in workers: the first access bootstraps swift-metrics' global `MetricsSystem`
/// with a `PrometheusMetricsFactory` over ``sharedRegistry``, exactly once per process and
/// thread-safely (a Swift `static let` is initialised once under a lock), so several workers in
/// one process (tests, `dcs up`) all share one registry and one `/metrics` page. Libraries that
/// record through swift-metrics (Hummingbird, …) land in the same registry.
///
/// Tests that want an isolated registry create their own instance with ``init(registry:maxSeriesPerMetric:)``;
/// that never touches the global `MetricsSystem`.
///
/// Recording is cheap: each metric family caches its handle per label set, so the hot path is a
/// lock, a dictionary look-up and an atomic add. See ``FleetMetricName`` for the names and labels.
/// Label values must be bounded identifiers, never personal data; values outside
/// `[A-Za-z0-9_.:-]{1,64}` are exposed as `invalid`.
public final class FleetMetrics: Sendable {
    /// The registry behind ``shared``; what the observability server exposes by default.
    public static var sharedRegistry: PrometheusCollectorRegistry { shared.registry }

    /// The process-wide instance over ``sharedRegistry``; its first use bootstraps `MetricsSystem`.
    public static let shared: FleetMetrics = {
        let metrics = FleetMetrics(registry: PrometheusCollectorRegistry())
        // Bootstrapping twice traps in swift-metrics. If something else (a host application)
        // bootstrapped already, keep its global factory: fleet metrics still reach our
        // registry because every handle here is made with our own factory explicitly.
        if MetricsSystem.factory is NOOPMetricsHandler {
            MetricsSystem.bootstrap(metrics.factory)
        }
        return metrics
    }()

    /// Bootstraps the process-wide metrics (idempotent) and returns ``shared``.
    @discardableResult
    public static func bootstrap() -> FleetMetrics { shared }

    /// The registry these metrics are recorded into.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory over ``registry``, with the fleet's histogram buckets.
    public let factory: PrometheusMetricsFactory

    private let requests: LabelledMetricCache<CoreMetrics.Counter>
    private let processingDuration: LabelledMetricCache<CoreMetrics.Timer>
    private let endToEndLatency: LabelledMetricCache<CoreMetrics.Timer>
    private let redeliveriesDeduplicated: LabelledMetricCache<CoreMetrics.Counter>
    private let consumerLag: LabelledMetricCache<CoreMetrics.Gauge>
    private let resultsPublished: LabelledMetricCache<CoreMetrics.Counter>
    private let deadLetters: LabelledMetricCache<CoreMetrics.Counter>
    private let batchSize: LabelledMetricCache<CoreMetrics.Recorder>
    private let retries: LabelledMetricCache<CoreMetrics.Counter>
    private let refusals: LabelledMetricCache<CoreMetrics.Counter>
    private let replays: LabelledMetricCache<CoreMetrics.Counter>

    /// Creates fleet metrics over `registry` without touching the global `MetricsSystem`.
    ///
    /// The registry must not hold fleet metric names created with other buckets: the Prometheus
    /// registry traps on a bucket mismatch. Two instances over one registry are fine.
    /// - Parameters:
    ///   - registry: where the metrics live.
    ///   - maxSeriesPerMetric: cap on label sets per metric; past it new label sets are counted
    ///     in one series labelled `overflow` (protects memory against unbounded label values).
    public init(registry: PrometheusCollectorRegistry, maxSeriesPerMetric: Int = 10_000) {
        var configured = PrometheusMetricsFactory(registry: registry)
        configured.durationHistogramBuckets = [
            FleetMetricName.processingDuration: Self.processingDurationBuckets,
            FleetMetricName.endToEndLatency: Self.endToEndLatencyBuckets,
        ]
        configured.valueHistogramBuckets = [FleetMetricName.batchSize: Self.batchSizeBuckets]
        let factory = configured
        self.registry = registry
        self.factory = factory

        func cache<M: AnyObject & Sendable>(
            _ labels: [String], _ make: @escaping @Sendable ([(String, String)]) -> M
        ) -> LabelledMetricCache<M> {
            LabelledMetricCache(labelNames: labels, maxSeries: maxSeriesPerMetric, make: make)
        }
        requests = cache(["category", "service", "status", "ward"]) {
            CoreMetrics.Counter(label: FleetMetricName.requests, dimensions: $0, factory: factory)
        }
        processingDuration = cache(["category", "service"]) {
            CoreMetrics.Timer(label: FleetMetricName.processingDuration, dimensions: $0, factory: factory)
        }
        endToEndLatency = cache(["category"]) {
            CoreMetrics.Timer(label: FleetMetricName.endToEndLatency, dimensions: $0, factory: factory)
        }
        redeliveriesDeduplicated = cache(["category"]) {
            CoreMetrics.Counter(label: FleetMetricName.redeliveriesDeduplicated, dimensions: $0, factory: factory)
        }
        consumerLag = cache(["category", "topic", "partition"]) {
            CoreMetrics.Gauge(label: FleetMetricName.consumerLag, dimensions: $0, factory: factory)
        }
        resultsPublished = cache(["category"]) {
            CoreMetrics.Counter(label: FleetMetricName.resultsPublished, dimensions: $0, factory: factory)
        }
        deadLetters = cache(["category", "reason"]) {
            CoreMetrics.Counter(label: FleetMetricName.deadLetters, dimensions: $0, factory: factory)
        }
        batchSize = cache(["category"]) {
            CoreMetrics.Recorder(label: FleetMetricName.batchSize, dimensions: $0, aggregate: true, factory: factory)
        }
        retries = cache(["category", "tier", "reason"]) {
            CoreMetrics.Counter(label: FleetMetricName.retries, dimensions: $0, factory: factory)
        }
        refusals = cache(["category", "reason"]) {
            CoreMetrics.Counter(label: FleetMetricName.refusals, dimensions: $0, factory: factory)
        }
        replays = cache(["category", "outcome"]) {
            CoreMetrics.Counter(label: FleetMetricName.replays, dimensions: $0, factory: factory)
        }
    }

    // MARK: Recording

    /// Counts one finished request in `dcs_requests_total`.
    /// - Parameters:
    ///   - category: service category (`utilities`).
    ///   - service: full service id (`utilities.electricity.pay`).
    ///   - status: how it ended.
    ///   - ward: the station's 5-digit ward code (never derived from the citizen).
    public func recordRequest(category: String, service: String, status: RequestOutcome, ward: String) {
        requests.handle([category, service, status.rawValue, ward]).increment()
    }

    /// Records the handler's time for one request in `dcs_processing_duration_seconds`.
    public func recordProcessingDuration(_ duration: Duration, category: String, service: String) {
        processingDuration.handle([category, service]).record(duration: duration)
    }

    /// Records station-submit-to-result time in `dcs_end_to_end_latency_seconds`. Negative
    /// values (station clock ahead of ours) are recorded as zero rather than dropped, so the
    /// count still matches the results published.
    public func recordEndToEndLatency(_ latency: Duration, category: String) {
        endToEndLatency.handle([category]).record(duration: max(latency, .zero))
    }

    /// Counts one redelivery recognised as a duplicate in `dcs_redeliveries_deduplicated_total`.
    public func recordDeduplicatedRedelivery(category: String) {
        redeliveriesDeduplicated.handle([category]).increment()
    }

    /// Sets `dcs_consumer_lag` for one partition (messages behind the high watermark).
    public func setConsumerLag(_ lag: Int64, category: String, topic: String, partition: Int) {
        consumerLag.handle([category, topic, String(partition)]).record(lag)
    }

    /// Counts one published result in `dcs_results_published_total`.
    public func recordResultPublished(category: String) {
        resultsPublished.handle([category]).increment()
    }

    /// Counts one dead-lettered message in `dcs_dead_letters_total`.
    /// - Parameter reason: the failure class raw value (`schema_invalid`, `handler_crash`, …).
    /// Counts a request sent to a delayed retry tier in `dcs_retries_total`.
    public func recordRetry(category: String, tier: String, reason: String) {
        retries.handle([category, tier, reason]).increment()
    }

    /// Counts a replayed dead letter by its outcome in `dcs_replays_total`.
    public func recordReplay(category: String, outcome: String) {
        replays.handle([category, outcome]).increment()
    }

    /// Counts a request refused by a security check in `dcs_requests_refused_total`.
    public func recordRefusal(category: String, reason: String) {
        refusals.handle([category, reason]).increment()
    }

    public func recordDeadLetter(category: String, reason: String) {
        deadLetters.handle([category, reason]).increment()
    }

    /// Records the number of messages in one poll batch in `dcs_batch_size`.
    public func recordBatchSize(_ size: Int, category: String) {
        batchSize.handle([category]).record(size)
    }
}
