/// A topic as the cluster's metadata describes it.
public struct KafkaTopicDescription: Sendable, Equatable {
    public struct Partition: Sendable, Equatable {
        public var id: Int32
        public var leader: Int32
        public var replicas: [Int32]
        public var inSyncReplicas: [Int32]
    }

    public var name: String
    public var partitions: [Partition]

    /// The replication factor, taken from the first partition (Kafka keeps it uniform per topic).
    public var replicationFactor: Int { partitions.first?.replicas.count ?? 0 }
}

/// A broker of the cluster.
public struct KafkaBrokerDescription: Sendable, Equatable {
    public var id: Int32
    public var host: String
    public var port: Int
}

/// What a metadata request returned: brokers and topics.
public struct KafkaClusterDescription: Sendable, Equatable {
    public var brokers: [KafkaBrokerDescription]
    public var topics: [String: KafkaTopicDescription]
}

/// A topic to create.
public struct KafkaNewTopic: Sendable, Equatable {
    public var name: String
    public var partitions: Int
    public var replicationFactor: Int
    /// Topic-level configuration, e.g. `retention.ms`, `cleanup.policy`, `min.insync.replicas`.
    public var config: [String: String]

    public init(name: String, partitions: Int, replicationFactor: Int, config: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.config = config
    }
}
