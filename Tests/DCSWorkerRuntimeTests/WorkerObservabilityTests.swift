import DCSKafka
import DCSObservability
import DCSTestSupport
import DCSWorkerRuntime
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Worker metrics and health endpoint")
struct WorkerObservabilityTests {
    @Test func metricsAndHealthDescribeTheWorker() async throws {
        let fixture = try RuntimeFixture()
        let worker = try fixture.worker(instance: "worker-metrics")
        let server = try WorkerObservability.server(for: worker, host: "127.0.0.1", port: 0, logger: fixture.logger)
        let station = try fixture.stationProducer()
        let results = try fixture.reader([fixture.catalogue.resultsTopic.name])
        let customer = fixture.electricity(11)
        let (metrics, health, status) = try await withServices([server, station, results] + worker.services, logger: fixture.logger) {
            try await fixture.send(fixture.request("utilities.electricity.pay", payload: ["customer_code": .string(customer)]), subject: customer, with: station)
            _ = try await collect(results, count: 1)
            let port = try await withDeadline(.seconds(10), "the endpoint to listen") { try await server.boundPort() }
            let metrics = try await Self.get("http://127.0.0.1:\(port)/metrics").body
            let (health, status) = try await Self.get("http://127.0.0.1:\(port)/health")
            return (metrics, health, status)
        }
        #expect(metrics.contains(#"service="utilities.electricity.pay""#))
        #expect(metrics.contains("dcs_requests_total"))
        #expect(metrics.contains(#"ward="27097""#))
        #expect(metrics.contains("dcs_processing_duration_seconds"))
        #expect(metrics.contains("dcs_consumer_lag"))
        #expect(!metrics.contains(customer), "no customer reference in metrics")
        #expect(status == 200)
        let snapshot = try JSONDecoder().decode(HealthSnapshot.self, from: Data(health.utf8))
        #expect(snapshot.status == .ok)
        #expect(snapshot.instanceID == "worker-metrics")
        #expect(snapshot.assignedPartitions.count == 12)
    }

    static func get(_ url: String) async throws -> (body: String, status: Int) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return (String(decoding: data, as: UTF8.self), (response as? HTTPURLResponse)?.statusCode ?? 0)
    }
}
