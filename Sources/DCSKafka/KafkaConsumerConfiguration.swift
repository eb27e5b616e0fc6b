/// Consumer settings. Offsets are only ever committed for messages the application marked done.
public struct KafkaConsumerConfiguration: Sendable, Equatable {
    public enum OffsetReset: String, Sendable, Equatable {
        case earliest, latest
        /// Fail instead of guessing when no committed offset exists.
        case error
    }

    public enum AssignmentStrategy: Sendable, Equatable {
        /// Stop-the-world rebalances (`range,roundrobin`): every partition is revoked, then reassigned.
        case eager
        /// Incremental rebalances (`cooperative-sticky`): only moved partitions are revoked.
        case cooperativeSticky
    }

    /// How the consumer gets its partitions.
    public enum Membership: Sendable, Equatable {
        /// Subscribes to ``KafkaConsumerConfiguration/topics`` as a member of the group; the
        /// group's rebalances share the partitions out and offsets are committed. The default.
        case group
        /// Reads exactly the partitions given to ``KafkaConsumer/read(from:)``, from the offsets
        /// given there: no subscription, no join, no rebalance, no heartbeats, nothing committed.
        /// For readers that keep their own position, such as a station on its reply partition.
        /// ``KafkaConsumerConfiguration/groupID`` only names the client (librdkafka's consumer
        /// API needs one); no group of that name is ever joined.
        case manual
    }

    public var client: KafkaClientConfiguration
    /// Default `.group`.
    public var membership: Membership
    /// Consumer group; all workers of one category share one group.
    public var groupID: String
    /// Topics to subscribe to (`.group` membership; `.manual` readers name theirs in ``KafkaConsumer/read(from:)``).
    public var topics: [String]
    /// Where to start without a committed offset. Default `.earliest`: no request is skipped.
    public var autoOffsetReset: OffsetReset
    /// Default 10 s: a dead worker's partitions move on quickly.
    public var sessionTimeout: Duration
    /// Default 1 s.
    public var heartbeatInterval: Duration
    /// Longest gap between polls before the member is evicted. Default 300 s.
    public var maxPollInterval: Duration
    /// How often offsets marked done are committed in the background. Default 1 s.
    public var autoCommitInterval: Duration
    /// Default `.eager`, the most widely supported protocol.
    public var assignmentStrategy: AssignmentStrategy
    /// Static membership (`group.instance.id`): a restart within the session timeout keeps the assignment.
    public var groupInstanceID: String?
    /// Messages fetched ahead of the application; a full buffer pauses polling. Default 2,048.
    public var bufferCapacity: Int
    /// Longest a fetch waits at the broker for data. Default 50 ms: a station waits for its
    /// answer through two fetches (request, result), and the embedded cluster only answers an
    /// empty fetch when this expires.
    public var fetchWaitMax: Duration

    public init(
        client: KafkaClientConfiguration,
        groupID: String,
        topics: [String],
        autoOffsetReset: OffsetReset = .earliest,
        sessionTimeout: Duration = .seconds(10),
        heartbeatInterval: Duration = .seconds(1),
        maxPollInterval: Duration = .seconds(300),
        autoCommitInterval: Duration = .seconds(1),
        assignmentStrategy: AssignmentStrategy = .eager,
        groupInstanceID: String? = nil,
        bufferCapacity: Int = 2_048,
        fetchWaitMax: Duration = .milliseconds(50),
        membership: Membership = .group
    ) {
        self.client = client
        self.membership = membership
        self.groupID = groupID
        self.topics = topics
        self.autoOffsetReset = autoOffsetReset
        self.sessionTimeout = sessionTimeout
        self.heartbeatInterval = heartbeatInterval
        self.maxPollInterval = maxPollInterval
        self.autoCommitInterval = autoCommitInterval
        self.assignmentStrategy = assignmentStrategy
        self.groupInstanceID = groupInstanceID
        self.bufferCapacity = bufferCapacity
        self.fetchWaitMax = fetchWaitMax
    }
}
