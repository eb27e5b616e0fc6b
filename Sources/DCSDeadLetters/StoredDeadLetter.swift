import DCSKafka
import DCSMessages
import Foundation

/// A dead letter as read from its `dcs.dlq.<category>` topic, with where it is stored and what the
/// replay log says about it.
public struct StoredDeadLetter: Sendable, Equatable {
    /// The decoded record (original bytes included).
    public var record: DeadLetterRecord
    /// The category of the DLQ topic it was read from.
    public var category: ServiceCategory
    /// Where the dead letter is stored.
    public var dlqTopic: String
    public var dlqPartition: Int
    public var dlqOffset: Int64
    /// The latest replay-log entry of this dead letter, if any.
    public var logEntry: ReplayLogEntry?

    public init(record: DeadLetterRecord, category: ServiceCategory, dlqTopic: String, dlqPartition: Int, dlqOffset: Int64, logEntry: ReplayLogEntry? = nil) {
        self.record = record
        self.category = category
        self.dlqTopic = dlqTopic
        self.dlqPartition = dlqPartition
        self.dlqOffset = dlqOffset
        self.logEntry = logEntry
    }

    /// `<topic>:<partition>:<offset>` of the original record.
    public var id: String { record.deadLetterID }

    /// The request id: from the record, else from the original's `dcs-request-id` header.
    public var requestID: UUID? {
        if let id = record.requestID { return id }
        return record.original.headers.last { $0.key == MessageHeaderName.requestID }?.value
            .flatMap { String(data: $0, encoding: .utf8) }.flatMap(UUID.init(uuidString:))
    }

    /// The service id: from the record, else from the original's `dcs-service-id` header.
    public var serviceID: String? {
        if let id = record.serviceID { return id.rawValue }
        return record.original.headers.last { $0.key == MessageHeaderName.serviceID }?.value
            .flatMap { String(data: $0, encoding: .utf8) }
            .flatMap { try? ServiceID($0) }?.rawValue
    }

    /// What the replay log says.
    public var state: State {
        switch logEntry?.outcome {
        case .replayed: .replayed
        case .purged: .purged
        case .replayFailed, .skipped, nil: .pending
        }
    }

    /// Whether the dead letter still needs an operator's decision.
    public var isPending: Bool { state == .pending }

    /// A dead letter's state per the replay log.
    public enum State: String, Sendable, Codable, Equatable {
        /// No replay or purge recorded (or only a failed replay).
        case pending
        case replayed
        case purged
    }
}
