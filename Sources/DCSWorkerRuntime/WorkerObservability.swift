import DCSObservability
import Logging

/// Builds a worker's `/metrics` and `/health` endpoint.
public enum WorkerObservability {
    /// An HTTP server (a `Service`, to run before the worker's services) exposing the fleet
    /// metrics and this worker's health. Port 0 picks a free port.
    public static func server(for worker: Worker, host: String = "0.0.0.0", port: Int, logger: Logger) throws -> ObservabilityServer {
        guard (0...65_535).contains(port) else {
            throw WorkerError(code: .configuration, message: "metrics port \(port) is not a TCP port")
        }
        return ObservabilityServer(
            configuration: ObservabilityServerConfiguration(host: host, port: port),
            health: worker.health,
            registry: FleetMetrics.sharedRegistry,
            logger: logger
        )
    }
}
