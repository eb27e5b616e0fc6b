/// The metric names the fleet exposes, in one place so dashboards, alerts and code agree.
///
/// Prometheus conventions: snake_case, a `dcs_` prefix, `_total` on counters, base units (seconds)
/// in the name of every duration. Label values are always bounded identifiers (category, service
/// id, ward code, topic, partition, outcome, failure class) and never personal data: no citizen
/// id, name, phone number, account or request id ever becomes a label, both for privacy and
/// because each distinct label set is a separate time series kept in memory forever.
public enum FleetMetricName {
    /// Counter `{category, service, status, ward}`: requests a worker finished, by outcome
    /// (``RequestOutcome``: completed, rejected, under_review, failed, dead_letter).
    /// `service` is the full service id (`utilities.electricity.pay`), `ward` the station's
    /// 5-digit ward code.
    public static let requests = "dcs_requests_total"
    /// Histogram `{category, service}`: time the handler spent on one request, in seconds
    /// (buckets 0.1 ms .. 10 s, ``FleetMetrics/processingDurationBuckets``).
    public static let processingDuration = "dcs_processing_duration_seconds"
    /// Histogram `{category}`: from the station's submit time to the result being published, in
    /// seconds (buckets 5 ms .. 120 s, ``FleetMetrics/endToEndLatencyBuckets``).
    public static let endToEndLatency = "dcs_end_to_end_latency_seconds"
    /// Counter `{category}`: redelivered requests recognised as already processed and skipped.
    public static let redeliveriesDeduplicated = "dcs_redeliveries_deduplicated_total"
    /// Gauge `{category, topic, partition}`: messages between the committed position and the
    /// partition's high watermark.
    public static let consumerLag = "dcs_consumer_lag"
    /// Counter `{category}`: results published to `dcs.results`.
    public static let resultsPublished = "dcs_results_published_total"
    /// Counter `{category, reason}`: messages sent to a dead-letter topic; `reason` is the failure
    /// class (`undecodable`, `schema_invalid`, `handler_crash`, `retries_exhausted`,
    /// `rejected_by_security`).
    public static let deadLetters = "dcs_dead_letters_total"
    /// Histogram `{category}`: messages handled per poll batch (buckets 1 .. 1000,
    /// ``FleetMetrics/batchSizeBuckets``).
    public static let batchSize = "dcs_batch_size"
    /// Counter `{category, tier, reason}`: requests sent to a delayed retry tier after a transient
    /// failure (`tier` is the tier's topic suffix, e.g. `10s`).
    public static let retries = "dcs_retries_total"
    /// Counter `{category, reason}`: requests refused by a security check (bad or missing
    /// signature, replay, ward not served); each is also an event on `dcs.security-events`.
    public static let refusals = "dcs_requests_refused_total"
    /// Counter `{category, outcome}`: dead letters an operator replayed, by what the worker made of
    /// them (`completed`, `rejected`, `deduplicated`, `dead_lettered`, `retry_scheduled`...).
    public static let replays = "dcs_replays_total"

    /// Every fleet metric name, for documentation checks and tests.
    public static let all: [String] = [
        requests, processingDuration, endToEndLatency, redeliveriesDeduplicated,
        consumerLag, resultsPublished, deadLetters, batchSize, retries, refusals, replays,
    ]
}
