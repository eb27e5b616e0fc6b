import DCSCatalogue
import DCSKafka
import Logging
import ServiceLifecycle

/// The embedded Kafka-protocol cluster with the catalogue's topics, kept alive as a `Service`
/// until graceful shutdown. Used by `dcs broker` and `dcs up`.
public final class EmbeddedBroker: Service, Sendable {
    public let cluster: EmbeddedKafkaCluster
    private let logger: Logger

    /// Starts the cluster and creates every catalogue topic on it.
    public init(brokers: Int, catalogue: TopicCatalogue, logger: Logger) throws(KafkaError) {
        cluster = try EmbeddedKafkaCluster(brokers: brokers, logger: logger)
        try cluster.createTopics(of: catalogue)
        self.logger = logger
        logger.info("Embedded cluster started", metadata: [
            "kafka.bootstrap": "\(cluster.bootstrapServers)", "kafka.topics": "\(catalogue.topics.count)",
        ])
    }

    public var bootstrapServers: String { cluster.bootstrapServers }

    /// Keeps the cluster up until graceful shutdown or cancellation.
    public func run() async throws {
        try? await gracefulShutdown()
        logger.info("Embedded cluster stopping")
    }
}
