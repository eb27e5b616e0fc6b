import DCSKafka
@_exported import DCSTestSupport
import Foundation
import Logging
import ServiceLifecycle

/// A fresh embedded cluster per test: random loopback ports, unique topic and group names.
struct KafkaFixture {
    let cluster: EmbeddedKafkaCluster
    let logger: Logger

    init(brokers: Int = 3) throws {
        let logger = testLogger("dcs.test.kafka")
        self.logger = logger
        cluster = try EmbeddedKafkaCluster(brokers: brokers, logger: logger)
    }

    var client: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: cluster.bootstrapServerList, clientID: "dcs-test")
    }

    func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    func topic(partitions: Int = 3, replication: Int = 3) throws -> String {
        let name = uniqueName("test.topic")
        try cluster.createTopic(name, partitions: partitions, replicationFactor: replication)
        return name
    }

    func producer(_ configure: (inout KafkaProducerConfiguration) -> Void = { _ in }) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(client: client, linger: .milliseconds(1))
        configure(&configuration)
        return try KafkaProducer(configuration: configuration, logger: logger)
    }

    func consumer(
        topics: [String], group: String,
        listener: (@Sendable (KafkaRebalanceEvent) -> Void)? = nil,
        _ configure: (inout KafkaConsumerConfiguration) -> Void = { _ in }
    ) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(
            client: client, groupID: group, topics: topics,
            sessionTimeout: .seconds(6), heartbeatInterval: .milliseconds(500),
            autoCommitInterval: .milliseconds(200)
        )
        configure(&configuration)
        return try KafkaConsumer(configuration: configuration, logger: logger, rebalanceListener: listener)
    }
}

