import DCSCatalogue
import DCSKafka
import DCSMessages
import DCSSchema
import DCSTestSupport
import DCSTopicAdmin
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// `dcs station load` against an embedded cluster, answered by a fake responder: every request
/// drawn ends once, as a result or as an error, and the report's counts add up.
@Suite("dcs station load")
struct StationLoadCommandTests {
    let cluster: EmbeddedKafkaCluster
    let catalogue: TopicCatalogue
    let logger = testLogger("dcs.test.station-load")
    let scratchDirectory = TemporaryDirectory("dcs-load")
    var scratch: URL { scratchDirectory.url }

    init() throws {
        catalogue = try TopicCatalogue.load(directory: CommandRunner.repositoryRoot.appendingPathComponent("topics"))
        cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        try cluster.createTopics(of: catalogue)
        try scratchDirectory.create()
    }

    var kafka: KafkaClientConfiguration { KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList) }

    @Test func fiveStationsTwentyRequestsAddUp() async throws {
        // Keys for the five stations of the fleet, then only three of them in the key file the
        // load gets: the other two must send unsigned.
        let issued = try await CommandRunner.run(["station", "load", "--stations", "5", "--issue-keys", scratch.path])
        #expect(issued.status == 0, "\(issued.stderr)")
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.appendingPathComponent("station-keys.json"))) as! [String: Any]
        let entries = (all["keys"] as! [[String: Any]]).sorted { ($0["station_id"] as! String) < ($1["station_id"] as! String) }
        #expect(entries.count == 5)
        let kept = Array(entries.prefix(3))
        let keyFile = scratch.appendingPathComponent("three-keys.json")
        try JSONSerialization.data(withJSONObject: ["keys": kept]).write(to: keyFile)
        let signedStations = Set(kept.map { $0["station_id"] as! String })

        // Health requests go unanswered, so some requests must end as station.result_timeout.
        let responder = try LoadResponder(kafka: kafka, catalogue: catalogue, unanswered: .health, logger: logger)
        let report = scratch.appendingPathComponent("report.json")
        let run = try await withServices([responder], logger: logger) {
            // Under a loaded CI machine the responder's group join can take seconds: the load must
            // not start before someone answers, or every request times out.
            try await withDeadline(.seconds(60), "the responder joining its group") {
                while ((try? responder.consumer.assignment()) ?? []).isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            return try await CommandRunner.run([
                "station", "load", "--brokers", cluster.bootstrapServers, "--stations", "5", "--rate", "10", "--duration", "2",
                "--wait", "20", "--key-file", keyFile.path, "--json", report.path,
            ])
        }
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("station load: 5 stations (5 ready, 3 signing"), "\(run.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]

        let sent = json["sent"] as! Int
        let submitted = json["submitted"] as! Int
        let answered = json["answered"] as! Int
        let errors = json["errors"] as! [String: Int]
        let byStatus = json["by_status"] as! [String: Int]
        #expect(json["stations"] as? Int == 5)
        #expect(json["stations_ready"] as? Int == 5)
        #expect(json["signed_stations"] as? Int == 3)
        #expect(sent == 20)
        // Every request ends exactly once: a result by status, or an error by code.
        #expect(answered + errors.values.reduce(0, +) == sent)
        #expect(byStatus.values.reduce(0, +) == answered)
        #expect(sent - submitted == errors.filter { $0.key != "station.result_timeout" }.values.reduce(0, +))
        for key in ["throughput_per_s", "p50_ms", "p99_ms", "p999_ms"] { #expect(json[key] != nil, "\(key)") }
        #expect((json["throughput_per_s"] as? Double ?? 0) > 0)

        // What the responder saw: the warm-up (one read-only request per category per station),
        // then every submitted request once, from the five stations of the fleet.
        let seen = responder.seen
        let warmUp = json["startup"].flatMap { ($0 as? [String: Any])?["warm_up"] as? [String: Any] }
        let warmUpSent = warmUp?["sent"] as? Int ?? -1
        #expect(warmUpSent == 25)
        #expect(seen.count == submitted + warmUpSent)
        #expect(Set(seen.map(\.requestID)).count == seen.count)
        #expect(Set(seen.map(\.stationID)) == ["ST-27097-01", "ST-26740-01", "ST-27118-01", "ST-26732-01", "ST-27097-02"])
        // Signed exactly by the stations that have a key.
        #expect(seen.allSatisfy { $0.signed == signedStations.contains($0.stationID) })
        // Unanswered health requests of the measured traffic are exactly its timeouts.
        let healthMeasured = seen.filter { $0.category == .health }.count - 5
        #expect(errors["station.result_timeout", default: 0] == healthMeasured)
        #expect(byStatus["completed", default: 0] + byStatus["rejected", default: 0] == answered)
    }
}

/// Plays the workers for the load: answers each request on the reply partition it names,
/// completed or (for requests of the invalid samples it cannot know) rejected by a parity rule,
/// except requests of one category, which it leaves unanswered.
final class LoadResponder: Service, Sendable {
    struct Seen: Sendable {
        let requestID: UUID
        let stationID: String
        let category: ServiceCategory
        let signed: Bool
    }

    private let producer: KafkaProducer
    let consumer: KafkaConsumer
    private let resultsTopic: String
    private let unanswered: ServiceCategory
    private let log = Mutex<[Seen]>([])

    init(kafka: KafkaClientConfiguration, catalogue: TopicCatalogue, unanswered: ServiceCategory, logger: Logger) throws {
        self.unanswered = unanswered
        resultsTopic = catalogue.resultsTopic.name
        producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: kafka, linger: .milliseconds(1)), logger: logger)
        consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: kafka, groupID: "test-load-responder-\(UUID().uuidString.prefix(8))",
                topics: ServiceCategory.allCases.map { catalogue.requestTopic(for: $0).name }, autoOffsetReset: .earliest),
            logger: logger)
    }

    var seen: [Seen] { log.withLock { $0 } }

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.producer.run() }
            group.addTask { try await self.consumer.run() }
            group.addTask { try await self.answer() }
            try await group.waitForAll()
        }
    }

    private func answer() async throws {
        for await event in consumer.events {
            guard case .message(let message) = event else { continue }
            let request = try RequestEnvelope.decode(message.value)
            let signed = message.headers.last(named: "dcs-signature") != nil
            log.withLock {
                $0.append(Seen(requestID: request.requestID, stationID: request.stationID.rawValue, category: request.serviceID.category, signed: signed))
            }
            if request.serviceID.category != unanswered {
                let result = request.requestID.uuidString.last.map { "02468ace".contains($0) } == true
                    ? ResultEnvelope.completed(request)
                    : ResultEnvelope.rejected(request, error: ResultError(code: "test.rejected", message: LocalizedText(vi: "Từ chối", en: "Rejected")))
                // Queued, not awaited one by one: on a loaded machine a round trip per answer
                // would hold answers back past the load's wait and turn them into timeouts.
                let answer = KafkaProducerMessage(
                    topic: resultsTopic, partition: request.replyPartition.map { Int32($0) }, key: request.stationID.rawValue,
                    value: try result.encoded(),
                    headers: [KafkaHeader(key: MessageHeaderName.stationID, string: request.stationID.rawValue)])
                do {
                    try await producer.enqueue(answer) { _ in }
                } catch {
                    // The test is over when its service group shuts the producer down.
                    guard error.code == .shutDown else { throw error }
                    return
                }
            }
            try? consumer.markDone(message)
        }
    }
}
