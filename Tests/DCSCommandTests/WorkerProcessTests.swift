import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSTopicAdmin
import DCSUtilities
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dcs worker` processes killed with SIGKILL mid-stream: no request lost, none applied twice.
@Suite("dcs worker processes under SIGKILL")
struct WorkerProcessTests {
    let cluster: EmbeddedKafkaCluster
    let catalogue: TopicCatalogue
    let stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("dcs-kill-\(UUID().uuidString)")
    let logger = testLogger("dcs.test.worker-process")
    let directory = SyntheticUtilitiesDirectory()

    init() throws {
        catalogue = try TopicCatalogue.load(directory: CommandRunner.repositoryRoot.appendingPathComponent("topics"))
        cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        try cluster.createTopics(of: catalogue)
    }

    var kafka: KafkaClientConfiguration { KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList) }

    func startWorker(_ instance: String) throws -> RunningCommand {
        try RunningCommand([
            "worker", "utilities", "--brokers", cluster.bootstrapServers, "--state-dir", stateDirectory.path,
            "--instance-id", instance, "--log-level", "warning",
        ])
    }

    /// Two payments for each of `count` customers who owe at least two bills this month.
    func payments(count: Int) -> [(RequestEnvelope, String)] {
        let anchor = BillingPeriod.containing(Date())
        var customers: [String] = []
        var index = 0
        while customers.count < count {
            let customer = directory.customer(.electricity, at: index)
            if directory.bills(for: customer, anchor: anchor).filter({ !$0.paidElsewhere }).count >= 2 { customers.append(customer.reference) }
            index += 1
        }
        return customers.flatMap { code in
            (0..<2).map { n in
                (RequestEnvelope(
                    stationID: StationID(rawValue: n == 0 ? "ST-27097-01" : "ST-26740-02")!,
                    wardCode: WardCode(rawValue: n == 0 ? "27097" : "26740")!,
                    serviceID: ServiceID(rawValue: "utilities.electricity.pay")!,
                    payload: ["customer_code": .string(code)]
                ), code)
            }
        }
    }

    /// Sends the requests, runs `scenario` once a third of the results are in, and returns every result.
    func run(
        _ requests: [(RequestEnvelope, String)], scenario: @Sendable @escaping () async throws -> Void
    ) async throws -> [ResultEnvelope] {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka), logger: logger)
        let results = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka, groupID: "reader-\(UUID().uuidString)", topics: [catalogue.resultsTopic.name]),
            logger: logger
        )
        let topic = catalogue.requestTopic(for: .utilities).name
        return try await withServices([producer, results], logger: logger) {
            for (request, key) in requests {
                try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: try request.encoded())) { _ in }
            }
            try await producer.flush(timeout: .seconds(30))
            let wanted = Set(requests.map(\.0.requestID))
            return try await withDeadline(.seconds(150), "a result for every request") {
                var collected: [ResultEnvelope] = []
                var answered = Set<UUID>()
                var scenarioRan = false
                for await event in results.events {
                    guard case .message(let message) = event else { continue }
                    let result = try ResultEnvelope.decode(message.value)
                    collected.append(result)
                    answered.insert(result.requestID)
                    if !scenarioRan, answered.count >= requests.count / 3 {
                        scenarioRan = true
                        try await scenario()
                    }
                    if answered.isSuperset(of: wanted) { break }
                }
                return collected
            }
        }
    }

    static func checkExactlyOnce(_ results: [ResultEnvelope], requests: [RequestEnvelope]) {
        let byRequest = Dictionary(grouping: results, by: \.requestID)
        #expect(byRequest.count == requests.count, "every request answered")
        var outcomes = 0
        for answers in byRequest.values where Set(answers.map(\.data)).count == 1 && Set(answers.map(\.status)).count == 1 { outcomes += 1 }
        #expect(outcomes == requests.count, "each request has exactly one outcome (repeats are identical)")
        let paid = byRequest.values.compactMap { $0.first?.data?["bill"]?["bill_id"]?.stringValue }
        #expect(Set(paid).count == paid.count, "no bill paid twice")
        #expect(paid.count == requests.count, "every payment succeeded: each customer owed two bills")
    }

    @Test func aWorkerKilledMidStreamAndRestartedAppliesEverythingOnce() async throws {
        let requests = payments(count: 150)
        let first = try startWorker("worker-1")
        let restarted = Restarted()
        let results = try await run(requests) {
            kill(first.process.processIdentifier, SIGKILL)
            first.process.waitUntilExit()
            restarted.set(try startWorker("worker-1"))
        }
        #expect(await restarted.value?.terminate() == 0, "the restarted worker stops cleanly on SIGTERM")
        Self.checkExactlyOnce(results, requests: requests.map(\.0))
    }

    @Test func theSurvivorOfTwoWorkersTakesOverAKilledOnesPartitions() async throws {
        let requests = payments(count: 150)
        let victim = try startWorker("worker-victim")
        let survivor = try startWorker("worker-survivor")
        let results = try await run(requests) {
            kill(victim.process.processIdentifier, SIGKILL)
            victim.process.waitUntilExit()
        }
        #expect(await survivor.terminate() == 0)
        Self.checkExactlyOnce(results, requests: requests.map(\.0))
    }
}

/// Holds the process started inside the scenario closure.
final class Restarted: @unchecked Sendable {
    // @unchecked Sendable: guarded by `lock`.
    private let lock = NSLock()
    private var command: RunningCommand?
    func set(_ command: RunningCommand) { lock.withLock { self.command = command } }
    var value: RunningCommand? { lock.withLock { command } }
}
