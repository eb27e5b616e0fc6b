import Foundation

/// A record received by a consumer.
public struct KafkaConsumerMessage: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: Data?
    public var value: Data
    public var headers: [KafkaHeader]
    /// Producer or log-append time, when the broker reports one.
    public var timestamp: Date?

    public init(
        topic: String, partition: Int32, offset: Int64, key: Data?, value: Data,
        headers: [KafkaHeader] = [], timestamp: Date? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The key as UTF-8 text, when it is.
    public var keyString: String? { key.flatMap { String(data: $0, encoding: .utf8) } }

    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }
}
