import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// The worker's HTTP endpoint for Prometheus and the orchestrator, as a swift-service-lifecycle
/// `Service`:
///
/// - `GET /metrics`: Prometheus text exposition (`text/plain; version=0.0.4`) of the registry.
/// - `GET /health`: readiness, the ``HealthSnapshot`` as JSON; 200 when ok, 503 otherwise.
/// - `GET /health/live`: liveness, always 200 while the process serves HTTP.
///
/// Run it in the worker's `ServiceGroup`; graceful shutdown stops accepting connections and lets
/// in-flight requests finish. Each server runs once: create a new one to serve again.
///
/// ```swift
/// let health = HealthState(category: "utilities", instanceID: "utilities-1")
/// let server = ObservabilityServer(configuration: .init(port: 0), health: health)
/// // in the ServiceGroup with the worker; then, for a test or a log line:
/// let port = try await server.boundPort()
/// ```
public final class ObservabilityServer: Service {
    /// Where it listens.
    public let configuration: ObservabilityServerConfiguration
    /// What `/health` reports.
    public let health: any HealthReporting
    /// What `/metrics` exposes.
    public let registry: PrometheusCollectorRegistry
    private let logger: Logger
    private let portState = BoundPortState()

    /// Creates a server (it starts in ``run()``).
    /// - Parameters:
    ///   - configuration: host and port; port 0 picks a free one.
    ///   - health: the readiness source for `/health`.
    ///   - registry: the metrics to expose; defaults to the process-wide
    ///     ``FleetMetrics/sharedRegistry`` (bootstrapping it if needed).
    ///   - logger: for the server's own messages.
    public init(
        configuration: ObservabilityServerConfiguration = .init(),
        health: any HealthReporting,
        registry: PrometheusCollectorRegistry = FleetMetrics.sharedRegistry,
        logger: Logger = Logger(label: "dcs.observability")
    ) {
        self.configuration = configuration
        self.health = health
        self.registry = registry
        self.logger = logger
    }

    /// The port the server listens on, waiting until it is listening.
    ///
    /// Throws ``ObservabilityError/Code/serverStopped`` or ``ObservabilityError/Code/serverFailed``
    /// if the server ends (or fails to bind) first, and ``ObservabilityError/Code/cancelled`` if
    /// the calling task is cancelled. Callers that cannot be sure `run()` will be called should
    /// bound the wait themselves.
    public func boundPort() async throws(ObservabilityError) -> Int {
        try await portState.port()
    }

    /// Serves until graceful shutdown or cancellation.
    ///
    /// Throws ``ObservabilityError/Code/alreadyStarted`` on a second call and
    /// ``ObservabilityError/Code/serverFailed`` when the server cannot bind or fails.
    public func run() async throws {
        guard portState.claimRun() else {
            throw ObservabilityError(code: .alreadyStarted, message: "the observability server runs only once; create a new one")
        }
        let portState = self.portState
        let logger = self.logger
        let application = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port)
            ),
            onServerRunning: { channel in
                guard let port = channel.localAddress?.port else { return }
                logger.info("observability endpoint listening", metadata: ["port": "\(port)"])
                portState.bind(port)
            },
            logger: logger
        )
        do {
            try await application.run()
        } catch is CancellationError {
            portState.finish(ObservabilityError(code: .serverStopped, message: "the observability server was cancelled"))
            throw CancellationError()
        } catch {
            let failure = ObservabilityError(
                code: .serverFailed,
                message: "observability server on \(configuration.host):\(configuration.port) failed: \(error)"
            )
            portState.finish(failure)
            throw failure
        }
        portState.finish(ObservabilityError(code: .serverStopped, message: "the observability server has stopped"))
    }
}
