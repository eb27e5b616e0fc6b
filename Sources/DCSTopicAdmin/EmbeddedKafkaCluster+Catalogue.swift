import DCSCatalogue
import DCSKafka

extension EmbeddedKafkaCluster {
    /// Creates every catalogue topic on the embedded cluster (which has no CreateTopics handler);
    /// replication is min(3, brokers) there. Topic configs (retention, cleanup
    /// policy, min ISR) have no effect there: the mock cluster keeps about 5 MiB per partition.
    public func createTopics(of catalogue: TopicCatalogue) throws(KafkaError) {
        for spec in catalogue.topics {
            try createTopic(spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor)
        }
    }
}
