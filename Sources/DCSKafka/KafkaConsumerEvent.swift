/// What a consumer hands to the application, in order.
public enum KafkaConsumerEvent: Sendable {
    case message(KafkaConsumerMessage)
    case rebalance(KafkaRebalanceEvent)
    /// A non-fatal consumer error (the consumer keeps running); logged as well.
    case error(KafkaError)
}

/// A change of the partitions this consumer owns.
public enum KafkaRebalanceEvent: Sendable, Equatable {
    /// Partitions now owned by this consumer.
    case assigned([KafkaTopicPartition])
    /// Partitions taken away in an orderly rebalance; offsets stored for them were committed.
    case revoked([KafkaTopicPartition])
    /// Partitions lost without an orderly hand-over (session timed out): another member may
    /// already own them, so their in-flight work must not be committed.
    case lost([KafkaTopicPartition])

    public var partitions: [KafkaTopicPartition] {
        switch self {
        case .assigned(let p), .revoked(let p), .lost(let p): p
        }
    }
}
