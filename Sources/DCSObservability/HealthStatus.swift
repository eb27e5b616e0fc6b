/// A worker's readiness, as reported on `GET /health`.
public enum HealthStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Started and connected to Kafka: ready (HTTP 200).
    case ok
    /// Still starting: not yet ready (HTTP 503).
    case starting
    /// Started but cannot reach Kafka (HTTP 503).
    case degraded
}
