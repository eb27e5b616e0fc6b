import DCSMessages
import DCSSchema
import Foundation

/// A dead letter as the tools print it (`dcs dlq list` / `show`, text or JSON): every field an
/// operator needs, with personal data masked (see ``DeadLetterMasking``). Never holds the
/// original bytes.
public struct DeadLetterView: Sendable, Equatable, Codable {
    public struct Header: Sendable, Equatable, Codable {
        public var key: String
        public var value: String?
    }

    public var id: String
    public var state: StoredDeadLetter.State
    public var category: String
    public var dlqTopic: String
    public var dlqPartition: Int
    public var dlqOffset: Int64
    public var failureClass: String
    public var reasonCode: String
    /// The failure message, with anything looking like a personal number masked.
    public var failureMessage: String
    public var attempts: Int
    public var firstFailureAt: String
    public var lastFailureAt: String
    public var consumerGroup: String
    public var workerInstance: String
    public var traceID: String?
    public var requestID: String?
    public var serviceID: String?
    public var wardCode: String?
    public var stationID: String?
    public var originalTopic: String
    public var originalPartition: Int
    public var originalOffset: Int64
    public var originalTimestamp: String?
    public var originalKey: String?
    public var originalHeaders: [Header]
    /// The original value with personal fields masked, or a placeholder.
    public var originalValue: JSONValue
    /// The latest replay-log entry, if any.
    public var lastDecision: Decision?

    /// The latest replay-log entry, as printed.
    public struct Decision: Sendable, Equatable, Codable {
        public var outcome: String
        public var decidedAt: String
        public var operatorName: String
        public var replayedTo: String?
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case outcome
            case decidedAt = "decided_at"
            case operatorName = "operator"
            case replayedTo = "replayed_to"
            case note
        }
    }

    public init(_ letter: StoredDeadLetter) {
        let r = letter.record
        id = letter.id
        state = letter.state
        category = letter.category.rawValue
        dlqTopic = letter.dlqTopic
        dlqPartition = letter.dlqPartition
        dlqOffset = letter.dlqOffset
        failureClass = r.failure.failureClass.rawValue
        reasonCode = r.failure.reasonCode
        failureMessage = Self.maskNumbers(in: r.failure.message)
        attempts = r.attempts
        firstFailureAt = RFC3339.string(from: r.firstFailureAt)
        lastFailureAt = RFC3339.string(from: r.lastFailureAt)
        consumerGroup = r.consumerGroup
        workerInstance = r.workerInstance
        traceID = r.traceID
        requestID = letter.requestID?.lowercasedString
        serviceID = letter.serviceID
        wardCode = r.wardCode?.rawValue
        stationID = r.stationID?.rawValue
        originalTopic = r.original.topic
        originalPartition = r.original.partition
        originalOffset = r.original.offset
        originalTimestamp = r.original.timestamp.map(RFC3339.string(from:))
        originalKey = DeadLetterMasking.maskedKey(r.original.key)
        originalHeaders = r.original.headers.map { Header(key: $0.key, value: DeadLetterMasking.maskedHeaderValue(key: $0.key, value: $0.value)) }
        originalValue = DeadLetterMasking.maskedValue(r.original.value)
        lastDecision = letter.logEntry.map { entry in
            Decision(
                outcome: entry.outcome.rawValue, decidedAt: RFC3339.string(from: entry.decidedAt), operatorName: entry.operatorName,
                replayedTo: entry.replayedTo.map { "\($0.topic):\($0.partition):\($0.offset)" }, note: entry.note
            )
        }
    }

    /// One line for `list`.
    public var summaryLine: String {
        let age = lastFailureAt
        return "\(id)  \(state == .pending ? "" : "[\(state.rawValue)] ")\(failureClass)/\(reasonCode)  service=\(serviceID ?? "-") ward=\(wardCode ?? "-") request=\(requestID ?? "-") attempts=\(attempts) last_failure=\(age)"
    }

    /// The multi-line form for `show`.
    public var detailText: String {
        var lines = [
            "dead letter \(id)  (\(state.rawValue))",
            "  stored at      \(dlqTopic):\(dlqPartition):\(dlqOffset)",
            "  failure        \(failureClass) / \(reasonCode): \(failureMessage)",
            "  attempts       \(attempts), first \(firstFailureAt), last \(lastFailureAt)",
            "  worker         \(workerInstance) (group \(consumerGroup))",
            "  request        \(requestID ?? "-")  service \(serviceID ?? "-")  ward \(wardCode ?? "-")  station \(stationID ?? "-")",
            "  trace          \(traceID ?? "-")",
            "  original       \(originalTopic):\(originalPartition):\(originalOffset)\(originalTimestamp.map { " at \($0)" } ?? "")",
            "  key            \(originalKey ?? "(none)")",
        ]
        if originalHeaders.isEmpty { lines.append("  headers        (none)") }
        for header in originalHeaders { lines.append("  header         \(header.key): \(header.value ?? "(null)")") }
        lines.append("  value (masked) \(originalValue.jsonString)")
        if let d = lastDecision {
            lines.append("  replay log     \(d.outcome) by \(d.operatorName) at \(d.decidedAt)\(d.replayedTo.map { " -> \($0)" } ?? "")\(d.note.map { " (\($0))" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    /// Masks digit runs of 9 or more in free text (a failure message should hold no personal data;
    /// this catches one that does).
    static func maskNumbers(in text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.count >= 9 ? DeadLetterMasking.mask(run) : run
            run = ""
        }
        for c in text {
            if c.isASCII, c.isNumber { run.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    enum CodingKeys: String, CodingKey {
        case id, state, category, attempts
        case dlqTopic = "dlq_topic"
        case dlqPartition = "dlq_partition"
        case dlqOffset = "dlq_offset"
        case failureClass = "failure_class"
        case reasonCode = "reason_code"
        case failureMessage = "failure_message"
        case firstFailureAt = "first_failure_at"
        case lastFailureAt = "last_failure_at"
        case consumerGroup = "consumer_group"
        case workerInstance = "worker_instance"
        case traceID = "trace_id"
        case requestID = "request_id"
        case serviceID = "service_id"
        case wardCode = "ward_code"
        case stationID = "station_id"
        case originalTopic = "original_topic"
        case originalPartition = "original_partition"
        case originalOffset = "original_offset"
        case originalTimestamp = "original_timestamp"
        case originalKey = "original_key"
        case originalHeaders = "original_headers"
        case originalValue = "original_value"
        case lastDecision = "last_decision"
    }
}
