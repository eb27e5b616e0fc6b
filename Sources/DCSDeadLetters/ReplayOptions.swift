/// How a replay runs.
public struct ReplayOptions: Sendable, Equatable {
    /// Who runs it; written to the replay log and the `dcs-replayed-by` header.
    public var operatorName: String
    /// Show what would be replayed; write nothing (neither the topic nor the log).
    public var dryRun: Bool
    /// Republishes per second at most; `nil` for no limit.
    public var ratePerSecond: Double?
    /// Republish to this topic instead of each original's topic (a request or retry topic of the
    /// catalogue).
    public var targetTopic: String?
    /// Loop guard: refuse a dead letter whose request id was already replayed this many times.
    public var maxReplaysPerRequest: Int
    /// Replay at most this many records in this run; the next run continues from there.
    public var limit: Int?

    public init(
        operatorName: String, dryRun: Bool = false, ratePerSecond: Double? = 50, targetTopic: String? = nil,
        maxReplaysPerRequest: Int = 3, limit: Int? = nil
    ) {
        self.operatorName = operatorName
        self.dryRun = dryRun
        self.ratePerSecond = ratePerSecond
        self.targetTopic = targetTopic
        self.maxReplaysPerRequest = maxReplaysPerRequest
        self.limit = limit
    }
}
