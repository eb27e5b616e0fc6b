import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSTopicAdmin
import DCSUtilities
import Foundation
import Testing

/// `dcs worker` processes killed with SIGKILL mid-stream: no request lost, none applied twice.
@Suite("dcs worker processes under SIGKILL")
struct WorkerProcessTests {
    let cluster: EmbeddedKafkaCluster
    let catalogue: TopicCatalogue
    let scratch = TemporaryDirectory("dcs-kill")
    var stateDirectory: URL { scratch.url }
    let logger = testLogger("dcs.test.worker-process")
    let directory = SyntheticUtilitiesDirectory()

    init() throws {
        catalogue = try TopicCatalogue.load(directory: CommandRunner.repositoryRoot.appendingPathComponent("topics"))
        cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        try cluster.createTopics(of: catalogue)
    }

    var kafka: KafkaClientConfiguration { KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList) }

    /// Starts `dcs worker utilities` and waits until it owns partitions (it logs the assignment).
    func startWorker(_ instance: String) async throws -> RunningCommand {
        let worker = try RunningCommand([
            "worker", "utilities", "--brokers", cluster.bootstrapServers, "--state-dir", stateDirectory.path,
            "--instance-id", instance, "--log-level", "info",
        ], mergeStandardError: true)
        let assigned = await worker.waitForLine { $0.contains("Partitions assigned") }
        #expect(assigned != nil, "\(instance) joined the group; its last output:\n\(worker.lastLines())")
        return worker
    }

    /// The instance recorded as owner in each partition's state file.
    func owners() throws -> [String] {
        let folder = stateDirectory.appendingPathComponent("utilities")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sqlite") }.sorted().map { file in
            let sqlite = try ChildProcess(
                URL(fileURLWithPath: "/usr/bin/sqlite3"), arguments: [folder.appendingPathComponent(file).path, "SELECT owner FROM partition_state"],
                directory: folder, standardOutput: .pipe, standardError: .discard
            )
            defer { sqlite.closeOutput() }
            let output = ChildProcess.readToEnd(sqlite.standardOutput!)
            #expect(sqlite.waitForExit(until: Date().addingTimeInterval(60)) == 0, "sqlite3 read \(file)")
            return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
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

    /// Sends the first wave, runs `scenario` once a third of its results are in, then sends the
    /// second wave, and returns every result once each request of both waves has one.
    func run(
        _ firstWave: [(RequestEnvelope, String)], then secondWave: [(RequestEnvelope, String)],
        scenario: @Sendable @escaping () async throws -> Void
    ) async throws -> [ResultEnvelope] {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka), logger: logger)
        let results = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka, groupID: "reader-\(UUID().uuidString)", topics: [catalogue.resultsTopic.name]),
            logger: logger
        )
        let topic = catalogue.requestTopic(for: .utilities).name
        @Sendable func send(_ wave: [(RequestEnvelope, String)]) async throws {
            for (request, key) in wave {
                try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: try request.encoded())) { _ in }
            }
            try await producer.flush(timeout: .seconds(30))
        }
        return try await withServices([producer, results], logger: logger) {
            try await send(firstWave)
            let wanted = Set((firstWave + secondWave).map(\.0.requestID))
            return try await withDeadline(.seconds(150), "a result for every request") {
                var collected: [ResultEnvelope] = []
                var answered = Set<UUID>()
                var scenarioRan = false
                for await event in results.events {
                    guard case .message(let message) = event else { continue }
                    let result = try ResultEnvelope.decode(message.value)
                    collected.append(result)
                    answered.insert(result.requestID)
                    if !scenarioRan, answered.count >= firstWave.count / 3 {
                        scenarioRan = true
                        try await scenario()
                        try await send(secondWave)
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
        let requests = payments(count: 600)
        let first = try await startWorker("worker-1")
        let restarted = Restarted()
        let results = try await run(Array(requests[..<800]), then: Array(requests[800...])) {
            await first.kill()
            restarted.set(try await startWorker("worker-1"))
        }
        let restartedWorker = try #require(restarted.value)
        #expect(await restartedWorker.terminate() == 0, "the restarted worker stops cleanly on SIGTERM; its last output:\n\(restartedWorker.lastLines())")
        Self.checkExactlyOnce(results, requests: requests.map(\.0))
    }

    @Test func theSurvivorOfTwoWorkersTakesOverAKilledOnesPartitions() async throws {
        let requests = payments(count: 600)
        let victim = try await startWorker("worker-victim")
        let survivor = try await startWorker("worker-survivor")
        let results = try await run(Array(requests[..<800]), then: Array(requests[800...])) {
            await victim.kill()
        }
        #expect(await survivor.terminate() == 0, "the survivor stops cleanly on SIGTERM; its last output:\n\(survivor.lastLines())")
        Self.checkExactlyOnce(results, requests: requests.map(\.0))
        // The second wave covered every partition and only the survivor was alive to answer it.
        #expect(try owners() == Array(repeating: "worker-survivor", count: 12))
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
