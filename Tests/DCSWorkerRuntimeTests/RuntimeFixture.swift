import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSTopicAdmin
import DCSUtilities
import DCSWorkerRuntime
import DCSWorkers
import Foundation
import GRDB
import Logging

/// An embedded cluster with the catalogue's topics, a temporary state directory, and helpers to
/// play a station: send requests, read results and dead letters.
struct RuntimeFixture {
    static let topicsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topics", isDirectory: true)
    /// Mid-November 2025: bills for September and October exist, under the May 2025 tariff.
    static let now = Date(timeIntervalSince1970: 1_763_200_000)

    let cluster: EmbeddedKafkaCluster
    let catalogue: TopicCatalogue
    let stateDirectory: URL
    /// Removes the state directory once the test and every copy of the fixture are done.
    private let scratch = TemporaryDirectory("dcs-state")
    let logger: Logger
    let directory = SyntheticUtilitiesDirectory()

    init(brokers: Int = 1) throws {
        logger = testLogger("dcs.test.runtime")
        catalogue = try TopicCatalogue.load(directory: Self.topicsDirectory)
        cluster = try EmbeddedKafkaCluster(brokers: brokers, logger: logger)
        try cluster.createTopics(of: catalogue)
        stateDirectory = scratch.url
    }

    var kafka: KafkaClientConfiguration { KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList) }

    /// Short retry tiers for tests: the catalogue's 10 s / 1 min / 10 min scaled down.
    static let fastRetry = RetryPolicy(initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(40),
                                       tierDelays: [.milliseconds(300), .milliseconds(600), .milliseconds(900)])

    func worker(
        category: ServiceCategory = .utilities, instance: String = "worker-a", maxBatchSize: Int = 64,
        handler: (any RequestHandler)? = nil, retry: RetryPolicy = RuntimeFixture.fastRetry,
        authenticator: RequestAuthenticator? = nil, fieldCipher: FieldCipher? = nil
    ) throws -> Worker {
        try Worker(
            configuration: WorkerConfiguration(
                category: category, stateDirectory: stateDirectory, instanceID: instance,
                maxBatchSize: maxBatchSize, drainTimeout: .seconds(10), retry: retry, authenticator: authenticator,
                fieldCipher: fieldCipher
            ),
            handler: handler ?? (category == .utilities ? UtilitiesRequestHandler() : RequestHandlers().handler(for: category)),
            catalogue: catalogue, kafka: kafka, logger: logger, now: { Self.now }
        )
    }

    /// The partition databases the workers of this fixture wrote.
    func partitionDatabases() throws -> [DatabaseQueue] {
        let files = FileManager.default.enumerator(at: stateDirectory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "sqlite" } ?? []
        return try files.map { try DatabaseQueue(path: $0.path) }
    }

    func stationProducer() throws -> KafkaProducer {
        try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka, linger: .milliseconds(1)), logger: logger)
    }

    func reader(_ topics: [String]) throws -> KafkaConsumer {
        try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: kafka, groupID: "test-reader-\(UUID().uuidString)", topics: topics,
                sessionTimeout: .seconds(6), heartbeatInterval: .milliseconds(500)
            ),
            logger: logger
        )
    }

    func request(_ service: String, payload: [String: JSONValue], id: UUID = UUID(), station: String = "ST-27097-01") -> RequestEnvelope {
        RequestEnvelope(
            requestID: id, stationID: StationID(rawValue: station)!, wardCode: WardCode(rawValue: String(station.dropFirst(3).prefix(5)))!,
            serviceID: ServiceID(rawValue: service)!, submittedAt: Self.now, payload: payload
        )
    }

    /// Publishes a request keyed by its subject, as a station does, to its category's request
    /// topic unless `category` says otherwise (a misrouted request).
    func send(_ request: RequestEnvelope, subject: String, to category: ServiceCategory? = nil, with producer: KafkaProducer) async throws {
        _ = try await producer.send(KafkaProducerMessage(
            topic: catalogue.requestTopic(for: category ?? request.category).name, key: subject, value: try request.encoded(),
            headers: [
                KafkaHeader(key: MessageHeaderName.requestID, string: request.requestID.uuidString.lowercased()),
                KafkaHeader(key: MessageHeaderName.traceparent, string: TraceParent.random().headerValue),
            ]
        ))
    }

    func electricity(_ index: Int) -> String { owing(.electricity, from: index) }
    func water(_ index: Int) -> String { owing(.water, from: index) }
    func phone(_ index: Int) -> String { owing(.telecom, from: index) }

    /// The first customer from `index` on with at least two unpaid bills at ``now``, so a payment
    /// test has something to pay and something left.
    func owing(_ kind: UtilityKind, from index: Int) -> String {
        let anchor = BillingPeriod.containing(Self.now)
        for candidate in index..<(index + 1_000) {
            let customer = directory.customer(kind, at: candidate)
            if directory.bills(for: customer, anchor: anchor).filter({ !$0.paidElsewhere }).count >= 2 { return customer.reference }
        }
        fatalError("no \(kind) customer with unpaid bills near index \(index)")
    }
}

extension KafkaConsumerMessage {
    var result: ResultEnvelope { get throws { try ResultEnvelope.decode(value) } }
}

extension ResultEnvelope {
    /// The id of the bill a completed payment settled.
    var paidBillID: String? { data?["bill"]?["bill_id"]?.stringValue }
}
