import DCSMessages
import DCSSchema
import Foundation

/// One decision about a dead letter, as written on the compacted `dcs.dlq.replay-log` topic keyed by
/// the dead letter's id (`topic:partition:offset` of the original record).
///
/// Wire form: `topics/schemas/replay-log-entry.schema.json`. The latest entry of a dead letter is
/// its state: `replayed` and `purged` take it out of stats, lists and replays; `replay_failed` and
/// `skipped` leave it eligible.
public struct ReplayLogEntry: DCSEnvelope, Hashable {
    public static let currentSchemaVersion = 1

    /// What was done.
    public enum Outcome: String, Sendable, Codable, Hashable, CaseIterable {
        /// Republished; written only after the broker acknowledged the republish.
        case replayed
        /// Decided not to replay.
        case skipped
        /// The republish failed; a later run may try again.
        case replayFailed = "replay_failed"
        /// Marked as handled without a replay (Kafka cannot delete a single record).
        case purged
    }

    /// Where a replay landed.
    public struct Target: Sendable, Codable, Hashable {
        public var topic: String
        public var partition: Int
        public var offset: Int64

        public init(topic: String, partition: Int, offset: Int64) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
        }
    }

    /// `<topic>:<partition>:<offset>` of the original record; the Kafka key of the entry.
    public var deadLetterID: String
    /// Where the dead letter itself is stored.
    public var dlqTopic: String
    public var dlqPartition: Int
    public var dlqOffset: Int64
    public var outcome: Outcome
    /// For ``Outcome/replayed``: where the republished record was stored.
    public var replayedTo: Target?
    /// When the decision was made (for a replay: when the broker acknowledged it).
    public var decidedAt: Date
    /// Who ran the operation (operator name or tool).
    public var operatorName: String
    /// Free text without personal data (e.g. the failure of a replay).
    public var note: String?
    /// The request id of the original, when known: the loop guard counts replays per request id.
    public var requestID: UUID?
    /// For ``Outcome/replayed``: the replay number of this request id, this one included.
    public var replayCount: Int?
    public var schemaVersion: Int

    public init(
        deadLetterID: String, dlqTopic: String, dlqPartition: Int, dlqOffset: Int64, outcome: Outcome,
        replayedTo: Target? = nil, decidedAt: Date, operatorName: String, note: String? = nil,
        requestID: UUID? = nil, replayCount: Int? = nil, schemaVersion: Int = ReplayLogEntry.currentSchemaVersion
    ) {
        self.deadLetterID = deadLetterID
        self.dlqTopic = dlqTopic
        self.dlqPartition = dlqPartition
        self.dlqOffset = dlqOffset
        self.outcome = outcome
        self.replayedTo = replayedTo
        self.decidedAt = decidedAt
        self.operatorName = operatorName
        self.note = note
        self.requestID = requestID
        self.replayCount = replayCount
        self.schemaVersion = schemaVersion
    }

    enum CodingKeys: String, CodingKey {
        case deadLetterID = "dead_letter_id"
        case dlqTopic = "dlq_topic"
        case dlqPartition = "dlq_partition"
        case dlqOffset = "dlq_offset"
        case outcome
        case replayedTo = "replayed_to"
        case decidedAt = "decided_at"
        case operatorName = "operator"
        case note
        case requestID = "request_id"
        case replayCount = "replay_count"
        case schemaVersion = "schema_version"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deadLetterID = try c.decode(String.self, forKey: .deadLetterID)
        dlqTopic = try c.decode(String.self, forKey: .dlqTopic)
        dlqPartition = try c.decode(Int.self, forKey: .dlqPartition)
        dlqOffset = try c.decode(Int64.self, forKey: .dlqOffset)
        outcome = try c.decode(Outcome.self, forKey: .outcome)
        replayedTo = try c.decodeIfPresent(Target.self, forKey: .replayedTo)
        let decided = try c.decode(String.self, forKey: .decidedAt)
        guard let date = RFC3339.date(from: decided) else {
            throw DecodingError.dataCorruptedError(forKey: .decidedAt, in: c, debugDescription: "'\(decided)' is not an RFC 3339 date-time")
        }
        decidedAt = date
        operatorName = try c.decode(String.self, forKey: .operatorName)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        if let text = try c.decodeIfPresent(String.self, forKey: .requestID) {
            guard let id = UUID(uuidString: text) else {
                throw DecodingError.dataCorruptedError(forKey: .requestID, in: c, debugDescription: "'\(text)' is not a UUID")
            }
            requestID = id
        } else {
            requestID = nil
        }
        replayCount = try c.decodeIfPresent(Int.self, forKey: .replayCount)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(deadLetterID, forKey: .deadLetterID)
        try c.encode(dlqTopic, forKey: .dlqTopic)
        try c.encode(dlqPartition, forKey: .dlqPartition)
        try c.encode(dlqOffset, forKey: .dlqOffset)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(replayedTo, forKey: .replayedTo)
        try c.encode(RFC3339.string(from: decidedAt), forKey: .decidedAt)
        try c.encode(operatorName, forKey: .operatorName)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(requestID.map { $0.lowercasedString }, forKey: .requestID)
        try c.encodeIfPresent(replayCount, forKey: .replayCount)
        try c.encode(schemaVersion, forKey: .schemaVersion)
    }
}
