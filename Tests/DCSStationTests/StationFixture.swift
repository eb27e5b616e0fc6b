import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
@testable import DCSStation
import DCSTestSupport
import DCSTopicAdmin
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The repository's `topics/`, found from this file so tests do not depend on the working directory.
enum RepoTopics {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DCSStationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("topics", isDirectory: true)

    static let topics: TopicCatalogue = try! TopicCatalogue.load(directory: directory)
    static let services: ServiceCatalogue = try! ServiceCatalogue.load(directory: directory)
}

/// A fresh embedded cluster with every catalogue topic, and station clients on it.
struct StationFixture {
    let cluster: EmbeddedKafkaCluster
    let logger: Logger

    init(brokers: Int = 1) throws {
        logger = testLogger("dcs.test.station")
        cluster = try EmbeddedKafkaCluster(brokers: brokers, logger: logger)
        try cluster.createTopics(of: RepoTopics.topics)
    }

    var kafka: KafkaClientConfiguration {
        var kafka = KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList, clientID: "dcs-test")
        // Come back quickly after a simulated outage.
        kafka.reconnectBackoffMax = .milliseconds(500)
        return kafka
    }

    static func uniqueStationID(_ prefix: String = "ST") -> StationID {
        try! StationID("\(prefix)-\(UUID().uuidString.prefix(8).uppercased())")
    }

    func configuration(station: StationID = Self.uniqueStationID(), ward: String = "27097", outbox: StationConfiguration.OutboxLocation = .inMemory) -> StationConfiguration {
        var configuration = StationConfiguration(
            stationID: station, wardCode: try! WardCode(ward), kafka: kafka, outbox: outbox,
            subjectKeySecret: SubjectKey.Secret("station-test-secret"), resultTimeout: .seconds(60),
            deliveryTimeout: .seconds(60), retryBackoff: .milliseconds(100), retryBackoffMax: .milliseconds(500)
        ).applying(RepoTopics.topics)
        configuration.positionSaveInterval = .milliseconds(100)
        return configuration
    }

    func station(_ configuration: StationConfiguration, store: StationStore? = nil) throws -> StationClient {
        try StationClient(configuration: configuration, services: RepoTopics.services, store: store, logger: logger)
    }

    func responder(ignoring: Set<String> = [], group: String = "test-responder-\(UUID().uuidString.prefix(8))") throws -> FakeResponder {
        try FakeResponder(kafka: kafka, ignoring: ignoring, group: group, logger: logger)
    }
}

/// A request as the fake responder saw it.
struct SeenRequest: Sendable {
    let request: RequestEnvelope
    let topic: String
    let partition: Int32
    let key: String?
    let value: Data
}

/// Plays the workers: consumes every request topic and answers each request on the reply
/// partition it names (completed, with the request's payload echoed), keyed by station id.
final class FakeResponder: Service, Sendable {
    let producer: KafkaProducer
    let consumer: KafkaConsumer
    let ignoring: Set<String>
    private let log = Mutex<[SeenRequest]>([])
    private let watchers = Mutex<[(Int, CheckedContinuation<Void, Never>)]>([])

    init(kafka: KafkaClientConfiguration, ignoring: Set<String>, group: String, logger: Logger) throws {
        self.ignoring = ignoring
        producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka, linger: .milliseconds(1)), logger: logger)
        consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: kafka, groupID: group,
                topics: ServiceCategory.allCases.map { RepoTopics.topics.requestTopic(for: $0).name },
                sessionTimeout: .seconds(6), heartbeatInterval: .milliseconds(500), autoCommitInterval: .milliseconds(200)),
            logger: logger)
    }

    var seen: [SeenRequest] { log.withLock { $0 } }

    /// Returns once at least `count` requests were seen (bounded by the caller's deadline).
    func waitUntilSeen(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = log.withLock { log in
                if log.count >= count { return true }
                watchers.withLock { $0.append((count, continuation)) }
                return false
            }
            if done { continuation.resume() }
        }
    }

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.producer.run() }
            group.addTask { try await self.consumer.run() }
            group.addTask { try await self.answer() }
            try await group.waitForAll()
        }
    }

    private func answer() async throws {
        let results = RepoTopics.topics.resultsTopic
        for await event in consumer.events {
            guard case .message(let message) = event else { continue }
            let request = try RequestEnvelope.decode(message.value)
            let seenCount = log.withLock { log in
                log.append(SeenRequest(request: request, topic: message.topic, partition: message.partition, key: message.keyString, value: message.value))
                return log.count
            }
            if !ignoring.contains(request.serviceID.rawValue) {
                let result = ResultEnvelope.completed(request, data: ["echo": .object(request.payload), "seen": .integer(Int64(seenCount))])
                _ = try await producer.send(KafkaProducerMessage(
                    topic: results.name, partition: request.replyPartition.map { Int32($0) }, key: request.stationID.rawValue,
                    value: try result.encoded(),
                    headers: [KafkaHeader(key: MessageHeaderName.stationID, string: request.stationID.rawValue)]))
            }
            try? consumer.markDone(message)  // fails only if a rebalance took the partition away
            let ready = watchers.withLock { watchers -> [CheckedContinuation<Void, Never>] in
                let due = watchers.filter { $0.0 <= seenCount }.map(\.1)
                watchers.removeAll { $0.0 <= seenCount }
                return due
            }
            for continuation in ready { continuation.resume() }
        }
    }
}

/// A payload for `utilities.electricity.lookup`.
func electricity(_ code: String) -> [String: JSONValue] { ["customer_code": .string(code)] }
