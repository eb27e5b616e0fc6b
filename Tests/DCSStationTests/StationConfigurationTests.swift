import DCSKafka
import DCSMessages
@testable import DCSStation
import Testing

@Suite("Station configuration")
struct StationConfigurationTests {
    @Test func loadsFromTheEnvironmentWithDocumentedDefaults() throws {
        let configuration = try StationConfiguration(environment: [
            "DCS_STATION_ID": "ST-26740-03", "DCS_WARD_CODE": "26740", "DCS_BROKERS": "127.0.0.1:9092, 127.0.0.1:9093",
        ])
        #expect(configuration.stationID.rawValue == "ST-26740-03")
        #expect(configuration.wardCode.rawValue == "26740")
        #expect(configuration.kafka.bootstrapServers == ["127.0.0.1:9092", "127.0.0.1:9093"])
        #expect(configuration.outbox == .file("dcs-station-ST-26740-03.sqlite"))
        #expect(configuration.usesDemoSubjectKeySecret)
        #expect(configuration.resultsTopic == "dcs.results")
        #expect(configuration.resultPartitions == 24)
        #expect(configuration.resultTimeout == .seconds(30))
        #expect(configuration.deliveryTimeout == .seconds(120))
        #expect(configuration.requestTopic(for: .health) == "dcs.requests.health")
        #expect(configuration.replyPartition == ReplyPartition.of(configuration.stationID, partitions: 24))
    }

    @Test func environmentOverrides() throws {
        let configuration = try StationConfiguration(environment: [
            "DCS_STATION_ID": "ST-26740-03", "DCS_WARD_CODE": "26740", "DCS_BROKERS": "127.0.0.1:9092",
            "DCS_STATION_OUTBOX": ":memory:", "DCS_SUBJECT_KEY_SECRET": "fleet-secret", "DCS_RESULT_PARTITIONS": "12",
            "DCS_STATION_RESULT_TIMEOUT": "5", "DCS_STATION_DELIVERY_TIMEOUT": "9", "DCS_STATION_RETENTION_DAYS": "7",
        ])
        #expect(configuration.outbox == .inMemory)
        #expect(configuration.subjectKeySecret == SubjectKey.Secret("fleet-secret"))
        #expect(!configuration.usesDemoSubjectKeySecret)
        #expect(configuration.resultPartitions == 12)
        #expect(configuration.replyPartition == ReplyPartition.of(configuration.stationID, partitions: 12))
        #expect(configuration.resultTimeout == .seconds(5))
        #expect(configuration.deliveryTimeout == .seconds(9))
        #expect(configuration.retention == .seconds(7 * 86_400))
    }

    @Test(arguments: [
        ["DCS_WARD_CODE": "26740", "DCS_BROKERS": "h:1"],
        ["DCS_STATION_ID": "st-lower", "DCS_WARD_CODE": "26740", "DCS_BROKERS": "h:1"],
        ["DCS_STATION_ID": "ST-1-2", "DCS_WARD_CODE": "2674", "DCS_BROKERS": "h:1"],
        ["DCS_STATION_ID": "ST-1-2", "DCS_WARD_CODE": "26740"],
        ["DCS_STATION_ID": "ST-1-2", "DCS_WARD_CODE": "26740", "DCS_BROKERS": "h:1", "DCS_RESULT_PARTITIONS": "0"],
        ["DCS_STATION_ID": "ST-1-2", "DCS_WARD_CODE": "26740", "DCS_BROKERS": "h:1", "DCS_STATION_RETENTION_DAYS": "-1"],
    ])
    func rejectsMissingOrMalformedValues(environment: [String: String]) {
        let error = #expect(throws: StationError.self) { try StationConfiguration(environment: environment) }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func takesTopicsFromTheCatalogue() throws {
        let configuration = StationConfiguration(
            stationID: try StationID("ST-27097-01"), wardCode: try WardCode("27097"),
            kafka: KafkaClientConfiguration(bootstrapServers: ["h:1"]), resultPartitions: 3
        ).applying(RepoTopics.topics)
        #expect(configuration.resultPartitions == RepoTopics.topics.resultsTopic.partitions)
        #expect(configuration.resultsTopic == RepoTopics.topics.resultsTopic.name)
        #expect(configuration.requestTopic(for: .banking) == RepoTopics.topics.requestTopic(for: .banking).name)
    }

    @Test func everyErrorCodeIsAStationCode() {
        #expect(StationError.Code.allCases.allSatisfy { $0.rawValue.hasPrefix("station.") })
        #expect(Set(StationError.Code.allCases.map(\.rawValue)).count == StationError.Code.allCases.count)
    }
}
