import Foundation

/// A record to produce.
public struct KafkaProducerMessage: Sendable, Hashable {
    public var topic: String
    /// `nil` lets the partitioner choose from the key (murmur2, as the Java client does).
    public var partition: Int32?
    public var key: Data?
    public var value: Data
    public var headers: [KafkaHeader]

    public init(topic: String, partition: Int32? = nil, key: Data?, value: Data, headers: [KafkaHeader] = []) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }

    public init(topic: String, partition: Int32? = nil, key: String?, value: Data, headers: [KafkaHeader] = []) {
        self.init(topic: topic, partition: partition, key: key.map { Data($0.utf8) }, value: value, headers: headers)
    }
}
