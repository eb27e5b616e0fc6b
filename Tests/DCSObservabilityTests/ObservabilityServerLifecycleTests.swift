// Runs the server in a real ServiceGroup. The test target does not declare ServiceLifecycle and
// Logging yet (they reach it through DCSObservability), so this is compiled only where they
// can be imported; declaring them in Package.swift makes it unconditional.
#if canImport(ServiceLifecycle) && canImport(Logging)
import Logging
import Prometheus
import ServiceLifecycle
import Testing

@testable import DCSObservability

@Suite("Observability server in a ServiceGroup")
struct ObservabilityServerLifecycleTests {
    @Test("graceful shutdown of the group stops the server cleanly")
    func gracefulShutdown() async throws {
        let logger = Logger(label: "dcs.observability.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = ObservabilityServer(
            configuration: .init(host: "127.0.0.1", port: 0),
            health: HealthState(category: "administrative", instanceID: "a-1"),
            registry: PrometheusCollectorRegistry(),
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        let running = Task { try await group.run() }

        let port = try await TestTimeout.run(60, "the server to listen") { try await server.boundPort() }
        #expect(try await HTTPProbe.get(port: port, "/health/live").status == 200)

        await group.triggerGracefulShutdown()
        // The group ends without error: the server returned normally on graceful shutdown.
        try await TestTimeout.run(60, "the group to shut down") { try await running.value }
        do {
            _ = try await server.boundPort()
            Issue.record("boundPort after shutdown should throw")
        } catch {
            #expect(error.code == .serverStopped)
        }
    }
}
#endif
