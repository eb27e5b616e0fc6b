import Foundation

/// What a replay run did, record by record, with counts by outcome.
public struct ReplayReport: Sendable, Equatable, Codable {
    /// What happened to one selected dead letter.
    public enum Outcome: String, Sendable, Equatable, Codable, CaseIterable {
        /// Republished, and its replay-log entry written.
        case replayed
        /// Dry run: would have been republished.
        case wouldReplay = "would_replay"
        /// The replay log already records a replay of this dead letter: nothing done.
        case alreadyReplayed = "already_replayed"
        /// The replay log records it as purged: nothing done.
        case purged
        /// Its request id was already replayed `max-replays` times: refused (`dlq.loop_guard`).
        case skippedLoopGuard = "skipped_loop_guard"
        /// Republishing failed (or the original has no value); a later run may try again.
        case failed
        /// Not reached: the run stopped first (limit, cancellation or an error).
        case notAttempted = "not_attempted"
    }

    /// Stable reason codes of refusals and failures on a line.
    public enum Reason {
        public static let loopGuard = "dlq.loop_guard"
        public static let alreadyReplayed = "dlq.already_replayed"
        public static let purged = "dlq.purged"
        public static let originalWithoutValue = "dlq.original_without_value"
        public static let publishFailed = "dlq.publish_failed"
        public static let limitReached = "dlq.limit_reached"
        public static let cancelled = "dlq.cancelled"
    }

    /// One selected dead letter.
    public struct Line: Sendable, Equatable, Codable {
        public var id: String
        public var requestID: String?
        public var outcome: Outcome
        /// Where it was (or would be) republished: `topic` or `topic:partition:offset`.
        public var target: String?
        /// For replays: the replay number of the request id.
        public var replayCount: Int?
        /// A `dlq.*` reason code for refusals and failures, and a short explanation.
        public var reason: String?
        public var detail: String?

        public init(id: String, requestID: String?, outcome: Outcome, target: String? = nil, replayCount: Int? = nil, reason: String? = nil, detail: String? = nil) {
            self.id = id
            self.requestID = requestID
            self.outcome = outcome
            self.target = target
            self.replayCount = replayCount
            self.reason = reason
            self.detail = detail
        }

        enum CodingKeys: String, CodingKey {
            case id, outcome, target, reason, detail
            case requestID = "request_id"
            case replayCount = "replay_count"
        }
    }

    public var dryRun: Bool
    public var lines: [Line]
    /// Why the run stopped early, when it did (`dlq.limit_reached`, `dlq.cancelled`, `dlq.log_write_failed`).
    public var stoppedBy: String?
    /// The error that stopped the run, if one did.
    public var error: DeadLetterError?

    public init(dryRun: Bool, lines: [Line] = [], stoppedBy: String? = nil, error: DeadLetterError? = nil) {
        self.dryRun = dryRun
        self.lines = lines
        self.stoppedBy = stoppedBy
        self.error = error
    }

    public func count(_ outcome: Outcome) -> Int { lines.filter { $0.outcome == outcome }.count }
    public var replayed: Int { count(.replayed) }
    public var wouldReplay: Int { count(.wouldReplay) }
    public var alreadyReplayed: Int { count(.alreadyReplayed) }
    public var skippedLoopGuard: Int { count(.skippedLoopGuard) }
    public var failed: Int { count(.failed) }

    /// Counts by outcome (every outcome present).
    public var counts: [String: Int] {
        Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, count($0)) })
    }

    /// One line of totals for people.
    public var summary: String {
        let parts = Outcome.allCases.map { "\(count($0)) \($0.rawValue)" }
        return (dryRun ? "dry run: " : "") + parts.joined(separator: ", ") + (stoppedBy.map { "; stopped: \($0)" } ?? "")
    }

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run"
        case lines
        case stoppedBy = "stopped_by"
        case error
        case counts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dryRun = try c.decode(Bool.self, forKey: .dryRun)
        lines = try c.decode([Line].self, forKey: .lines)
        stoppedBy = try c.decodeIfPresent(String.self, forKey: .stoppedBy)
        error = try c.decodeIfPresent(DeadLetterError.self, forKey: .error)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dryRun, forKey: .dryRun)
        try c.encode(lines, forKey: .lines)
        try c.encodeIfPresent(stoppedBy, forKey: .stoppedBy)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode(counts, forKey: .counts)
    }
}
