import CRdKafka
import Foundation
import Logging

/// A Kafka-protocol cluster inside this process: librdkafka's mock cluster, with N brokers
/// listening on random loopback ports. Any Kafka client (kcat, another process) can connect to
/// ``bootstrapServers``.
///
/// Used by the demo and the tests. Its limits (librdkafka 2.0.2): it keeps only about 5 MiB or
/// 100k message sets per partition (older data silently disappears), has no CreateTopics handler
/// (use ``createTopic(_:partitions:replicationFactor:)``), accepts transactions without their
/// semantics, and has no TLS or SASL.
///
/// `@unchecked Sendable`: the mock cluster's control functions are thread-safe (they post
/// operations to the cluster's own thread); both handles are freed only in `deinit`.
public final class EmbeddedKafkaCluster: @unchecked Sendable {
    /// Comma-separated `host:port` list of the brokers.
    public let bootstrapServers: String
    /// Broker ids, 1...N.
    public let brokerIDs: [Int32]

    private let owner: RDKafkaClient
    private let cluster: OpaquePointer

    public init(brokers: Int = 3, logger: Logger) throws(KafkaError) {
        guard (1...16).contains(brokers) else {
            throw KafkaError(code: .embeddedCluster, message: "an embedded cluster needs 1 to 16 brokers, not \(brokers)")
        }
        // The mock cluster needs a client instance to live on; this one never talks to a broker.
        owner = try RDKafkaClient(
            type: RD_KAFKA_PRODUCER,
            properties: ["client.id": "dcs-embedded-cluster"],
            context: ClientContext(logger: logger)
        )
        guard let cluster = rd_kafka_mock_cluster_new(owner.handle, Int32(brokers)) else {
            throw KafkaError(code: .embeddedCluster, message: "librdkafka could not start the mock cluster")
        }
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        brokerIDs = (1...Int32(brokers)).map { $0 }
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        // `owner` is released after this, destroying the client the cluster lived on.
    }

    /// The bootstrap servers as a list, for ``KafkaClientConfiguration``.
    public var bootstrapServerList: [String] { KafkaClientConfiguration.parseBrokerList(bootstrapServers) }

    /// Creates a topic (the mock cluster has no CreateTopics handler). librdkafka 2.0.2's mock
    /// gives every partition min(3, brokers) replicas whatever `replicationFactor` says.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int) throws(KafkaError) {
        let replication = min(max(replicationFactor, 1), brokerIDs.count)
        let err = rd_kafka_mock_topic_create(cluster, name, Int32(partitions), Int32(replication))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(err, context: "cannot create topic \(name) on the embedded cluster", fallback: .embeddedCluster)
        }
    }

    /// Makes the next `errors.count` requests of this type fail with these errors, in order.
    public func pushRequestErrors(_ api: KafkaAPIKey, _ errors: [KafkaErrorCode]) {
        let raw = errors.map(\.cValue)
        raw.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, api.rawValue, buffer.count, buffer.baseAddress)
        }
    }

    /// Forgets injected errors not yet consumed for this request type.
    public func clearRequestErrors(_ api: KafkaAPIKey) {
        rd_kafka_mock_clear_request_errors(cluster, api.rawValue)
    }

    /// Makes every request about `topic` fail with `error` (`.noError` clears it).
    public func setTopicError(_ topic: String, _ error: KafkaErrorCode) {
        rd_kafka_mock_topic_set_error(cluster, topic, error.cValue)
    }

    /// Disconnects a broker and refuses its connections until ``setBrokerUp(_:)``.
    public func setBrokerDown(_ brokerID: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_down(cluster, brokerID), "broker \(brokerID) down")
    }

    public func setBrokerUp(_ brokerID: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_up(cluster, brokerID), "broker \(brokerID) up")
    }

    /// Adds a round-trip delay to every response of a broker.
    public func setRoundTripTime(_ brokerID: Int32, _ rtt: Duration) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_rtt(cluster, brokerID, Int32(rtt.milliseconds)), "broker \(brokerID) RTT")
    }

    /// Moves a partition's leadership (e.g. away from a broker about to go down).
    public func setPartitionLeader(_ topic: String, partition: Int32, brokerID: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_partition_set_leader(cluster, topic, partition, brokerID), "leader of \(topic)[\(partition)]")
    }

    /// Moves the group (or transaction) coordinator for `key` to a broker.
    public func setGroupCoordinator(group: String, brokerID: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_coordinator_set(cluster, "group", group, brokerID), "coordinator of \(group)")
    }

    private func check(_ err: rd_kafka_resp_err_t, _ what: String) throws(KafkaError) {
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(err, context: "embedded cluster: \(what)", fallback: .embeddedCluster)
        }
    }
}
