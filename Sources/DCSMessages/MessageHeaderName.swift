/// Kafka header names set on every DCS message, so that tools and workers can route, trace and
/// deduplicate without parsing the value.
public enum MessageHeaderName {
    /// The request's UUID (lowercase), the idempotency key.
    public static let requestID = "dcs-request-id"
    /// The originating station.
    public static let stationID = "dcs-station-id"
    /// The `category.service.action` asked for.
    public static let serviceID = "dcs-service-id"
    /// The envelope schema version, decimal.
    public static let schemaVersion = "dcs-schema-version"
    /// W3C trace context (see ``TraceParent``).
    public static let traceparent = "traceparent"

    /// Processing attempts made so far on a request that failed transiently (decimal), set by the
    /// worker when it sends the request to a retry topic. The value bytes stay untouched.
    public static let attempt = "dcs-attempt"
    /// Index of the retry tier a request came through (0 = the shortest delay), set with ``attempt``.
    public static let retryTier = "dcs-retry-tier"
    /// When the request first failed (RFC 3339), kept across tiers for the dead-letter record.
    public static let firstFailureAt = "dcs-first-failure-at"

    /// Set by `dcs dlq replay` on a replayed record: the dead letter's id. Marks a fleet hop, like
    /// ``retryTier``: the station's signature is still checked, its age is not.
    public static let replayOf = "dcs-replay-of"

    /// All of the above.
    public static let all: [String] = [requestID, stationID, serviceID, schemaVersion, traceparent, attempt, retryTier, firstFailureAt, replayOf]
}
