import DCSMessages

/// One topic as the catalogue defines it: everything needed to create it and to use it correctly.
public struct TopicSpec: Sendable, Equatable {
    /// Full Kafka topic name, e.g. `dcs.requests.utilities`.
    public var name: String
    public var kind: TopicKind
    /// Set for per-category topics (requests, retries, dead letters).
    public var category: ServiceCategory?
    public var partitions: Int
    /// 3 in production.
    public var replicationFactor: Int
    /// 2 in production, so that one broker may be down without refusing `acks=all` writes.
    public var minInSyncReplicas: Int
    /// `retention.ms`; -1 keeps records forever.
    public var retentionMs: Int64
    /// `delete`, `compact` or `compact,delete`.
    public var cleanupPolicy: String
    public var key: KeyRule
    /// File name under `topics/schemas/` of the value's JSON Schema.
    public var valueSchema: String
    /// Retry topics only: how long a record waits before it is redelivered.
    public var retryDelaySeconds: Int?
    public var description: String
    /// Extra topic-level Kafka configs from the catalogue (e.g. `max.message.bytes`).
    public var extraConfig: [String: String]

    public init(
        name: String,
        kind: TopicKind,
        category: ServiceCategory? = nil,
        partitions: Int,
        replicationFactor: Int = 3,
        minInSyncReplicas: Int = 2,
        retentionMs: Int64,
        cleanupPolicy: String = "delete",
        key: KeyRule,
        valueSchema: String,
        retryDelaySeconds: Int? = nil,
        description: String = "",
        extraConfig: [String: String] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.category = category
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.minInSyncReplicas = minInSyncReplicas
        self.retentionMs = retentionMs
        self.cleanupPolicy = cleanupPolicy
        self.key = key
        self.valueSchema = valueSchema
        self.retryDelaySeconds = retryDelaySeconds
        self.description = description
        self.extraConfig = extraConfig
    }

    /// Config keys the catalogue manages through dedicated fields; `config:` may not set them.
    public static let managedConfigKeys: Set<String> = ["cleanup.policy", "retention.ms", "min.insync.replicas"]

    /// The topic-level Kafka configs to set: `cleanup.policy`, `retention.ms`,
    /// `min.insync.replicas`, plus the extras.
    public var kafkaConfig: [String: String] {
        var c = extraConfig
        c["cleanup.policy"] = cleanupPolicy
        c["retention.ms"] = String(retentionMs)
        c["min.insync.replicas"] = String(minInSyncReplicas)
        return c
    }
}
