import Foundation
import Prometheus
import Logging
import Testing

@testable import DCSObservability

@Suite("Observability server")
struct ObservabilityServerTests {
    /// Runs a server on a random loopback port for `body`, then cancels it and waits for it to
    /// end; every wait is bounded.
    private func withServer(
        health: any HealthReporting,
        registry: PrometheusCollectorRegistry,
        _ body: (_ server: ObservabilityServer, _ port: Int) async throws -> Void
    ) async throws {
        let server = ObservabilityServer(configuration: .init(host: "127.0.0.1", port: 0), health: health, registry: registry, logger: quietLogger)
        let running = Task { try await server.run() }
        do {
            let port = try await TestTimeout.run(60, "the server to listen") { try await server.boundPort() }
            #expect(port > 0)
            try await body(server, port)
        } catch {
            running.cancel()
            _ = await running.result
            throw error
        }
        running.cancel()
        _ = try await TestTimeout.run(60, "the server to stop") { await running.result }
    }

    @Test("/metrics serves the registry in the Prometheus text format")
    func metrics() async throws {
        let metrics = FleetMetrics(registry: PrometheusCollectorRegistry())
        metrics.recordRequest(category: "utilities", service: "utilities.water.pay", status: .completed, ward: "27097")
        metrics.recordProcessingDuration(.milliseconds(2), category: "utilities", service: "utilities.water.pay")
        try await withServer(health: HealthState(category: "utilities", instanceID: "u-1"), registry: metrics.registry) { _, port in
            let reply = try await HTTPProbe.get(port: port, "/metrics")
            #expect(reply.status == 200)
            #expect(reply.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            let all = ExpositionSample.parse(reply.body)
            #expect(all.value("dcs_requests_total", ["service": "utilities.water.pay", "status": "completed", "ward": "27097"]) == "1")
            #expect(all.value("dcs_processing_duration_seconds_bucket", ["service": "utilities.water.pay", "le": "0.0025"]) == "1")

            // Later recordings show on the next scrape.
            metrics.recordRequest(category: "utilities", service: "utilities.water.pay", status: .completed, ward: "27097")
            let again = ExpositionSample.parse(try await HTTPProbe.get(port: port, "/metrics").body)
            #expect(again.value("dcs_requests_total", ["status": "completed"]) == "2")
        }
    }

    @Test("/health answers 503 while starting or degraded and 200 when ok; /health/live is always 200")
    func health() async throws {
        let health = HealthState(category: "banking", instanceID: "banking-1")
        try await withServer(health: health, registry: PrometheusCollectorRegistry()) { _, port in
            var reply = try await HTTPProbe.get(port: port, "/health")
            #expect(reply.status == 503)
            #expect(reply.contentType == "application/json")
            #expect(reply.body.contains(#""status":"starting""#))
            #expect(try await HTTPProbe.get(port: port, "/health/live").status == 200)

            health.setConnected(true)
            health.setAssigned([2, 0])
            health.markStarted()
            reply = try await HTTPProbe.get(port: port, "/health")
            #expect(reply.status == 200)
            let snapshot = try JSONDecoder().decode(HealthSnapshot.self, from: Data(reply.body.utf8))
            #expect(snapshot == HealthSnapshot(status: .ok, connected: true, assignedPartitions: [0, 2], category: "banking", instanceID: "banking-1"))

            health.setConnected(false)
            reply = try await HTTPProbe.get(port: port, "/health")
            #expect(reply.status == 503)
            #expect(reply.body.contains(#""status":"degraded""#))
            #expect(reply.body.contains(#""connected":false"#))
            #expect(try await HTTPProbe.get(port: port, "/health/live").status == 200)

            #expect(try await HTTPProbe.get(port: port, "/nope").status == 404)
        }
    }

    @Test("after the server stops, boundPort reports it; a second run is refused")
    func lifecycleErrors() async throws {
        let server = ObservabilityServer(configuration: .init(host: "127.0.0.1", port: 0), health: HealthState(category: "health", instanceID: "h-1"), registry: PrometheusCollectorRegistry(), logger: quietLogger)
        let running = Task { try await server.run() }
        _ = try await TestTimeout.run(60, "the server to listen") { try await server.boundPort() }

        await #expect(throws: ObservabilityError.self) { try await server.run() }
        do {
            try await server.run()
        } catch let error as ObservabilityError {
            #expect(error.code == .alreadyStarted)
        }

        running.cancel()
        _ = try await TestTimeout.run(60, "the server to stop") { await running.result }
        do {
            _ = try await server.boundPort()
            Issue.record("boundPort after stop should throw")
        } catch {
            #expect(error.code == .serverStopped)
        }
    }

    @Test("a port already in use fails run() and boundPort() with observability.server_failed")
    func bindFailure() async throws {
        let first = ObservabilityServer(configuration: .init(host: "127.0.0.1", port: 0), health: HealthState(category: "health", instanceID: "h-1"), registry: PrometheusCollectorRegistry(), logger: quietLogger)
        let firstRun = Task { try await first.run() }
        let port = try await TestTimeout.run(60, "the first server to listen") { try await first.boundPort() }

        let second = ObservabilityServer(configuration: .init(host: "127.0.0.1", port: port), health: HealthState(category: "health", instanceID: "h-2"), registry: PrometheusCollectorRegistry(), logger: quietLogger)
        let secondResult = try await TestTimeout.run(60, "the second server to fail") {
            do {
                try await second.run()
                return ObservabilityError.Code?.none
            } catch let error as ObservabilityError {
                return error.code
            } catch {
                return nil
            }
        }
        #expect(secondResult == .serverFailed)
        do {
            _ = try await second.boundPort()
            Issue.record("boundPort of a server that failed to bind should throw")
        } catch {
            #expect(error.code == .serverFailed)
        }

        firstRun.cancel()
        _ = try await TestTimeout.run(60, "the first server to stop") { await firstRun.result }
    }

    @Test("a waiter for the port is released when its task is cancelled")
    func cancelledWaiter() async throws {
        let server = ObservabilityServer(configuration: .init(host: "127.0.0.1", port: 0), health: HealthState(category: "health", instanceID: "h-1"), registry: PrometheusCollectorRegistry(), logger: quietLogger)
        // Never started: the wait can only end through cancellation.
        let waiter = Task { () -> ObservabilityError.Code? in
            do throws(ObservabilityError) {
                _ = try await server.boundPort()
                return nil
            } catch {
                return error.code
            }
        }
        waiter.cancel()
        let code = try await TestTimeout.run(60, "the cancelled waiter") { await waiter.value }
        #expect(code == .cancelled)
    }
}

/// Cancelling a server in a test makes Hummingbird log an error; tests keep their output clean.
let quietLogger: Logger = {
    var logger = Logger(label: "dcs.test.observability")
    logger.logLevel = .critical
    return logger
}()
