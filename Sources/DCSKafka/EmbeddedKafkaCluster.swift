import CRdKafka
import Foundation
import Logging
import Synchronization

/// A Kafka-protocol cluster inside this process: librdkafka's mock cluster, with N brokers
/// listening on random loopback ports. Any Kafka client (kcat, another process) can connect to
/// ``bootstrapServers``.
///
/// Used by the demo and the tests. Its limits (librdkafka 2.0.2): it keeps only about 5 MiB or
/// 100k message sets per partition (older data silently disappears), has no CreateTopics handler
/// (use ``createTopic(_:partitions:replicationFactor:)``), accepts transactions without their
/// semantics, and has no TLS or SASL.
///
/// Control calls (topic creation, fault injection, teardown) return within milliseconds: see
/// ``control(_:)`` for the librdkafka 2.0.2 lost wake-up they work around.
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
        brokerPorts = KafkaClientConfiguration.parseBrokerList(bootstrapServers).compactMap { address in
            address.split(separator: ":").last.flatMap { UInt16($0) }
        }
    }

    deinit {
        let cluster = UncheckedPointer(cluster)
        Self.control(nudging: brokerPorts) { rd_kafka_mock_cluster_destroy(cluster.pointer) }
        // `owner` is released after this, destroying the client the cluster lived on.
    }

    /// The brokers' loopback ports, for ``control(_:)``'s nudges.
    private let brokerPorts: [UInt16]

    /// Runs one mock-cluster control call and returns its result within milliseconds.
    ///
    /// librdkafka 2.0.2's mock cluster thread serves its control queue and only then drains its
    /// wake-up pipe: a request queued in between (typically the next call of a caller that just
    /// got its answer) has its wake-up byte drained unseen and waits for the thread's next
    /// one-second poll timeout. Topic creation for the catalogue lost several seconds that way,
    /// and callers on Swift's cooperative pool starved everything else in the process meanwhile.
    /// So the call runs on a thread of its own, and while it has not returned, this one wakes the
    /// cluster's thread every few milliseconds with a loopback connection to each broker's
    /// listener (accepted and closed by the mock, which then serves its queue).
    private func control<T: Sendable>(_ call: @escaping @Sendable (OpaquePointer) -> T) -> T {
        let cluster = UncheckedPointer(cluster)
        return Self.control(nudging: brokerPorts) { call(cluster.pointer) }
    }

    private static func control<T: Sendable>(nudging ports: [UInt16], _ call: @escaping @Sendable () -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            BlockingCall.nameCurrentThread("kafka-mock-ctl")
            let value = call()
            result.withLock { $0 = value }
            done.signal()
        }
        thread.name = "kafka-mock-ctl"
        thread.start()
        while done.wait(timeout: .now() + .milliseconds(5)) == .timedOut {
            for port in ports { LoopbackNudge.connectAndClose(port: port) }
        }
        return result.withLock { $0! }
    }

    /// The bootstrap servers as a list, for ``KafkaClientConfiguration``.
    public var bootstrapServerList: [String] { KafkaClientConfiguration.parseBrokerList(bootstrapServers) }

    /// Creates a topic (the mock cluster has no CreateTopics handler). librdkafka 2.0.2's mock
    /// gives every partition min(3, brokers) replicas whatever `replicationFactor` says.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int) throws(KafkaError) {
        let replication = min(max(replicationFactor, 1), brokerIDs.count)
        let err = control { rd_kafka_mock_topic_create($0, name, Int32(partitions), Int32(replication)) }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(err, context: "cannot create topic \(name) on the embedded cluster", fallback: .embeddedCluster)
        }
    }

    /// Makes the next `errors.count` requests of this type fail with these errors, in order.
    public func pushRequestErrors(_ api: KafkaAPIKey, _ errors: [KafkaErrorCode]) {
        let raw = errors.map(\.cValue)
        let key = api.rawValue
        control { cluster in
            raw.withUnsafeBufferPointer { buffer in
                rd_kafka_mock_push_request_errors_array(cluster, key, buffer.count, buffer.baseAddress)
            }
        }
    }

    /// Forgets injected errors not yet consumed for this request type.
    public func clearRequestErrors(_ api: KafkaAPIKey) {
        let key = api.rawValue
        control { rd_kafka_mock_clear_request_errors($0, key) }
    }

    /// Makes every request about `topic` fail with `error` (`.noError` clears it).
    public func setTopicError(_ topic: String, _ error: KafkaErrorCode) {
        let code = error.cValue
        control { rd_kafka_mock_topic_set_error($0, topic, code) }
    }

    /// Disconnects a broker and refuses its connections until ``setBrokerUp(_:)``.
    public func setBrokerDown(_ brokerID: Int32) throws(KafkaError) {
        try check(control { rd_kafka_mock_broker_set_down($0, brokerID) }, "broker \(brokerID) down")
    }

    public func setBrokerUp(_ brokerID: Int32) throws(KafkaError) {
        try check(control { rd_kafka_mock_broker_set_up($0, brokerID) }, "broker \(brokerID) up")
    }

    /// Adds a round-trip delay to every response of a broker.
    public func setRoundTripTime(_ brokerID: Int32, _ rtt: Duration) throws(KafkaError) {
        let milliseconds = Int32(rtt.milliseconds)
        try check(control { rd_kafka_mock_broker_set_rtt($0, brokerID, milliseconds) }, "broker \(brokerID) RTT")
    }

    /// Moves a partition's leadership (e.g. away from a broker about to go down).
    public func setPartitionLeader(_ topic: String, partition: Int32, brokerID: Int32) throws(KafkaError) {
        try check(control { rd_kafka_mock_partition_set_leader($0, topic, partition, brokerID) }, "leader of \(topic)[\(partition)]")
    }

    /// Moves the group (or transaction) coordinator for `key` to a broker.
    public func setGroupCoordinator(group: String, brokerID: Int32) throws(KafkaError) {
        try check(control { rd_kafka_mock_coordinator_set($0, "group", group, brokerID) }, "coordinator of \(group)")
    }

    private func check(_ err: rd_kafka_resp_err_t, _ what: String) throws(KafkaError) {
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(err, context: "embedded cluster: \(what)", fallback: .embeddedCluster)
        }
    }
}

/// A C pointer carried to the control thread. `@unchecked Sendable`: the mock cluster's control
/// functions are thread-safe, and the cluster outlives every control call (the caller waits).
private struct UncheckedPointer: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
