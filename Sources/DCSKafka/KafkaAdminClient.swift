import CRdKafka
import Foundation
import Logging

/// Cluster administration: create topics, describe topics and their configuration.
///
/// Every call is bounded by ``KafkaAdminConfiguration/requestTimeout`` and runs its blocking wait
/// on a dedicated thread; an unreachable cluster is reported as ``KafkaError/Code/unreachable``.
public final class KafkaAdminClient: @unchecked Sendable {
    // @unchecked Sendable: librdkafka's admin and metadata calls are thread-safe; `client` is immutable.

    public let configuration: KafkaAdminConfiguration
    private let client: RDKafkaClient

    public init(configuration: KafkaAdminConfiguration, logger: Logger) throws(KafkaError) {
        self.configuration = configuration
        client = try RDKafkaClient(
            type: RD_KAFKA_PRODUCER, properties: configuration.librdkafkaProperties, context: ClientContext(logger: logger)
        )
    }

    private var timeoutMs: Int32 { Int32(clamping: configuration.requestTimeout.milliseconds) }

    /// Brokers and all topics (internal ones excluded). Never creates a topic.
    public func describeCluster() async throws(KafkaError) -> KafkaClusterDescription {
        let client = self.client
        let timeout = timeoutMs
        let servers = configuration.client.bootstrapServers.joined(separator: ",")
        let result: Result<KafkaClusterDescription, KafkaError> = await BlockingCall.run(name: "kafka-metadata") {
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(client.handle, 1, nil, &metadata, timeout)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                var error = KafkaError(err, context: "cannot read cluster metadata from \(servers)", fallback: .unreachable)
                if error.code == .timedOut { error.code = .unreachable }
                return .failure(error)
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            return .success(Self.describe(metadata.pointee))
        }
        return try result.get()
    }

    private static func describe(_ metadata: rd_kafka_metadata) -> KafkaClusterDescription {
        let brokers = (0..<Int(metadata.broker_cnt)).map { index in
            let broker = metadata.brokers[index]
            return KafkaBrokerDescription(id: broker.id, host: String(cString: broker.host), port: Int(broker.port))
        }
        var topics: [String: KafkaTopicDescription] = [:]
        for index in 0..<Int(metadata.topic_cnt) {
            let topic = metadata.topics[index]
            let name = String(cString: topic.topic)
            guard topic.err == RD_KAFKA_RESP_ERR_NO_ERROR, !name.hasPrefix("__") else { continue }
            let partitions = (0..<Int(topic.partition_cnt)).map { p in
                let partition = topic.partitions[p]
                return KafkaTopicDescription.Partition(
                    id: partition.id,
                    leader: partition.leader,
                    replicas: (0..<Int(partition.replica_cnt)).map { partition.replicas[$0] },
                    inSyncReplicas: (0..<Int(partition.isr_cnt)).map { partition.isrs[$0] }
                )
            }.sorted { $0.id < $1.id }
            topics[name] = KafkaTopicDescription(name: name, partitions: partitions)
        }
        return KafkaClusterDescription(brokers: brokers.sorted { $0.id < $1.id }, topics: topics)
    }

    /// Creates topics; returns each topic's outcome (`nil` = created). A topic that already exists
    /// comes back with ``KafkaErrorCode/topicAlreadyExists``.
    public func createTopics(_ topics: [KafkaNewTopic]) async throws(KafkaError) -> [String: KafkaError?] {
        guard !topics.isEmpty else { return [:] }
        let client = self.client
        let timeout = timeoutMs
        let result: Result<[String: KafkaError?], KafkaError> = await BlockingCall.run(name: "kafka-create") {
            var errstr = [CChar](repeating: 0, count: 512)
            var newTopics: [OpaquePointer?] = []
            defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
            for topic in topics {
                guard let newTopic = rd_kafka_NewTopic_new(
                    topic.name, Int32(topic.partitions), Int32(topic.replicationFactor), &errstr, errstr.count
                ) else {
                    return .failure(KafkaError(code: .admin, message: "topic \(topic.name): \(String(errorBuffer: errstr))"))
                }
                newTopics.append(newTopic)
                for (name, value) in topic.config.sorted(by: { $0.key < $1.key }) {
                    let err = rd_kafka_NewTopic_set_config(newTopic, name, value)
                    if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                        return .failure(KafkaError(err, context: "topic \(topic.name) config \(name)", fallback: .admin))
                    }
                }
            }
            let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
            defer { rd_kafka_AdminOptions_destroy(options) }
            _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout, &errstr, errstr.count)
            _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeout, &errstr, errstr.count)
            return Self.adminRequest("CreateTopics", client: client, timeout: timeout, submit: { queue in
                newTopics.withUnsafeMutableBufferPointer { buffer in
                    rd_kafka_CreateTopics(client.handle, buffer.baseAddress, buffer.count, options, queue)
                }
            }) { event in
                guard let createResult = rd_kafka_event_CreateTopics_result(event) else {
                    return .failure(KafkaError(code: .admin, message: "CreateTopics returned an unexpected event"))
                }
                var count = 0
                let results = rd_kafka_CreateTopics_result_topics(createResult, &count)
                var outcome: [String: KafkaError?] = [:]
                for index in 0..<count {
                    guard let topicResult = results?[index] else { continue }
                    let name = String(cString: rd_kafka_topic_result_name(topicResult))
                    let err = rd_kafka_topic_result_error(topicResult)
                    if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                        outcome[name] = .some(nil)
                    } else {
                        var error = KafkaError(err, context: "topic \(name)", fallback: .admin)
                        if let text = rd_kafka_topic_result_error_string(topicResult) { error.message = "topic \(name): \(String(cString: text))" }
                        outcome[name] = .some(error)
                    }
                }
                return .success(outcome)
            }
        }
        return try result.get()
    }

    /// The non-default configuration of each topic (DescribeConfigs). Brokers that do not
    /// implement the request answer ``KafkaError/Code/unsupported``; the embedded cluster does
    /// not answer at all, hence the separate, shorter `timeout` callers may give.
    public func describeTopicConfigs(_ names: [String], timeout: Duration? = nil) async throws(KafkaError) -> [String: [String: String]] {
        guard !names.isEmpty else { return [:] }
        let client = self.client
        let timeout = timeout.map { Int32(clamping: $0.milliseconds) } ?? timeoutMs
        let result: Result<[String: [String: String]], KafkaError> = await BlockingCall.run(name: "kafka-describe") {
            var errstr = [CChar](repeating: 0, count: 512)
            var resources: [OpaquePointer?] = names.map { rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, $0) }
            defer { for resource in resources { rd_kafka_ConfigResource_destroy(resource) } }
            let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS)
            defer { rd_kafka_AdminOptions_destroy(options) }
            _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout, &errstr, errstr.count)
            return Self.adminRequest("DescribeConfigs", client: client, timeout: timeout, submit: { queue in
                resources.withUnsafeMutableBufferPointer { buffer in
                    rd_kafka_DescribeConfigs(client.handle, buffer.baseAddress, buffer.count, options, queue)
                }
            }) { event in
                guard let describeResult = rd_kafka_event_DescribeConfigs_result(event) else {
                    return .failure(KafkaError(code: .admin, message: "DescribeConfigs returned an unexpected event"))
                }
                var count = 0
                let results = rd_kafka_DescribeConfigs_result_resources(describeResult, &count)
                var configs: [String: [String: String]] = [:]
                for index in 0..<count {
                    guard let resource = results?[index] else { continue }
                    let name = String(cString: rd_kafka_ConfigResource_name(resource))
                    let err = rd_kafka_ConfigResource_error(resource)
                    guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                        return .failure(KafkaError(err, context: "DescribeConfigs for \(name)", fallback: .admin))
                    }
                    var entryCount = 0
                    let entries = rd_kafka_ConfigResource_configs(resource, &entryCount)
                    var values: [String: String] = [:]
                    for e in 0..<entryCount {
                        guard let entry = entries?[e] else { continue }
                        let key = String(cString: rd_kafka_ConfigEntry_name(entry))
                        values[key] = rd_kafka_ConfigEntry_value(entry).map { String(cString: $0) }
                    }
                    configs[name] = values
                }
                return .success(configs)
            }
        }
        return try result.get()
    }

    /// Submits an admin request on a private queue and hands its result event to `read`, with
    /// the parts every admin request shares: a bounded wait and request-level errors.
    private static func adminRequest<T>(
        _ name: String, client: RDKafkaClient, timeout: Int32,
        submit: (OpaquePointer) -> Void,
        read: (OpaquePointer) -> Result<T, KafkaError>
    ) -> Result<T, KafkaError> {
        let queue = rd_kafka_queue_new(client.handle)!
        defer { rd_kafka_queue_destroy(queue) }
        submit(queue)
        // The request carries its own timeout; wait a little longer for its answer.
        guard let event = rd_kafka_queue_poll(queue, timeout + 5_000) else {
            return .failure(KafkaError(code: .timedOut, message: "\(name) got no answer"))
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            var error = KafkaError(err, context: "\(name) failed", fallback: .admin)
            if let text = rd_kafka_event_error_string(event) { error.message = "\(name) failed: \(String(cString: text))" }
            if err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE || err == RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION { error.code = .unsupported }
            return .failure(error)
        }
        return read(event)
    }
}
