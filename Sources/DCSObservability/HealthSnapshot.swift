/// What `GET /health` answers, as JSON with snake_case keys:
///
/// ```json
/// {"assigned_partitions":[0,3],"category":"utilities","connected":true,"instance_id":"utilities-1","status":"ok"}
/// ```
public struct HealthSnapshot: Sendable, Codable, Hashable {
    /// Overall readiness; decides the HTTP status.
    public var status: HealthStatus
    /// Whether the Kafka cluster is reachable.
    public var connected: Bool
    /// Partitions this instance consumes, ascending. Empty is normal when a group has more
    /// instances than partitions.
    public var assignedPartitions: [Int]
    /// The worker's service category (`utilities`).
    public var category: String
    /// Identifies this instance within its consumer group.
    public var instanceID: String

    /// Creates a snapshot.
    public init(status: HealthStatus, connected: Bool, assignedPartitions: [Int], category: String, instanceID: String) {
        self.status = status
        self.connected = connected
        self.assignedPartitions = assignedPartitions
        self.category = category
        self.instanceID = instanceID
    }

    /// 200 when ``status`` is ``HealthStatus/ok``, 503 otherwise (what orchestrators expect of a
    /// readiness probe).
    public var httpStatusCode: Int { status == .ok ? 200 : 503 }

    enum CodingKeys: String, CodingKey {
        case status
        case connected
        case assignedPartitions = "assigned_partitions"
        case category
        case instanceID = "instance_id"
    }
}
