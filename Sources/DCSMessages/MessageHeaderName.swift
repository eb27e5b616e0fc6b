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

    /// All of the above.
    public static let all: [String] = [requestID, stationID, serviceID, schemaVersion, traceparent]
}
