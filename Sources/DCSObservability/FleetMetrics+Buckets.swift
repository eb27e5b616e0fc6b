extension FleetMetrics {
    /// `dcs_processing_duration_seconds`: 0.1 ms .. 10 s in 1-2.5-5 steps. Handlers range from a
    /// cached lookup (sub-millisecond) to a slow partner system (seconds); above 10 s the
    /// request is failing anyway and only the `+Inf` count matters.
    public static let processingDurationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .microseconds(2500), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// `dcs_end_to_end_latency_seconds`: 5 ms .. 120 s. Includes the station's network, Kafka
    /// queueing and retries, so the tail is much longer than processing time; a citizen at a
    /// kiosk gives up well before two minutes.
    public static let endToEndLatencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30), .seconds(60), .seconds(120),
    ]

    /// `dcs_batch_size`: 1 .. 1000 messages per poll batch.
    public static let batchSizeBuckets: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
}
