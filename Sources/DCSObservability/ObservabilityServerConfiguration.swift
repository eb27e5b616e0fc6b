/// Where the observability endpoint listens.
public struct ObservabilityServerConfiguration: Sendable, Hashable {
    /// Interface to bind. Default `0.0.0.0`, so Prometheus and the orchestrator's probes can reach
    /// it from outside the container; use `127.0.0.1` for local-only.
    public var host: String
    /// TCP port. Default 9464 (the customary Prometheus exporter port); 0 picks a free port, read
    /// it back with ``ObservabilityServer/boundPort()``.
    public var port: Int

    /// Creates a configuration.
    public init(host: String = "0.0.0.0", port: Int = 9464) {
        self.host = host
        self.port = port
    }
}
