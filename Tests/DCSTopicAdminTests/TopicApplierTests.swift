import DCSCatalogue
import DCSKafka
import DCSTopicAdmin
import Foundation
import Logging
import Testing

@Suite("Applying the catalogue to a cluster")
struct TopicApplierTests {
    static let topicsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topics", isDirectory: true)

    let catalogue: TopicCatalogue
    let logger: Logger

    init() throws {
        catalogue = try TopicCatalogue.load(directory: Self.topicsDirectory)
        var logger = Logger(label: "dcs.test.topic-admin")
        logger.logLevel = .critical
        self.logger = logger
    }

    func applier(for cluster: EmbeddedKafkaCluster) throws -> TopicApplier {
        let client = KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList)
        let admin = try KafkaAdminClient(configuration: KafkaAdminConfiguration(client: client, requestTimeout: .seconds(5)), logger: logger)
        return TopicApplier(catalogue: catalogue, admin: admin, logger: logger)
    }

    @Test func everyTopicMatchesOnAClusterPreparedFromTheCatalogue() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3, logger: logger)
        try cluster.createTopics(of: catalogue)
        let report = try await applier(for: cluster).apply()
        #expect(report.matched.count == catalogue.topics.count)
        #expect(report.created.isEmpty)
        #expect(report.isConsistent)
    }

    @Test func aTopicWithOtherSettingsIsReportedAndLeftAlone() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3, logger: logger)
        let results = catalogue.resultsTopic
        for spec in catalogue.topics where spec.name != results.name {
            try cluster.createTopic(spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor)
        }
        try cluster.createTopic(results.name, partitions: results.partitions / 2, replicationFactor: results.replicationFactor)
        let report = try await applier(for: cluster).apply()
        #expect(!report.isConsistent)
        let entry = try #require(report.differing.first)
        #expect(report.differing.count == 1)
        #expect(entry.topic == results.name)
        #expect(entry.outcome == .differs([
            .init(setting: "partitions", expected: "\(results.partitions)", actual: "\(results.partitions / 2)"),
        ]))
    }

    @Test func dryRunOnAnEmptyClusterCreatesNothing() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        let applier = try applier(for: cluster)
        let report = try await applier.apply(dryRun: true, capReplicationToBrokers: true)
        #expect(report.entries.count == catalogue.topics.count)
        #expect(report.entries.allSatisfy { $0.outcome == .wouldCreate })
        #expect(report.replicationCappedTo == 1)
        #expect(try await applier.admin.describeCluster().topics.isEmpty)
    }

    @Test func missingTopicsOnAClusterWithoutCreateTopicsFailWithATypedCode() async throws {
        // The embedded cluster has no CreateTopics handler: each topic fails, none silently.
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        let report = try await applier(for: cluster).apply(capReplicationToBrokers: true)
        #expect(report.failed.count == catalogue.topics.count)
        #expect(report.failed.allSatisfy { entry in
            if case .failed(let code, let message) = entry.outcome { code == "kafka.timed_out" && message.contains("dcs broker") } else { false }
        })
        #expect(!report.isConsistent)
    }

    @Test func cappedReplicationMatchesASmallDevelopmentCluster() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1, logger: logger)
        try cluster.createTopics(of: catalogue)
        let strict = try await applier(for: cluster).apply()
        #expect(strict.differing.count == catalogue.topics.count, "replication 1 is not the catalogue's 3")
        let capped = try await applier(for: cluster).apply(capReplicationToBrokers: true)
        #expect(capped.isConsistent)
        #expect(capped.replicationCappedTo == 1)
    }

    @Test func unreachableClusterIsATypedError() async throws {
        let client = KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"], connectionSetupTimeout: .seconds(1))
        let admin = try KafkaAdminClient(configuration: KafkaAdminConfiguration(client: client, requestTimeout: .seconds(2)), logger: logger)
        await #expect {
            _ = try await TopicApplier(catalogue: catalogue, admin: admin, logger: logger).apply()
        } throws: { ($0 as? KafkaError)?.code == .unreachable }
    }
}
