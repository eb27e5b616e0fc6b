import DCSKafka
import DCSMessages
import Foundation

/// One request in the station's outbox: the exact record to publish, built once at submission.
///
/// The request id, key, value and trace context are fixed when the row is written, so every
/// (re)send after a crash or an ambiguous failure publishes the same bytes under the same id, and
/// the workers' deduplication recognises it.
public struct OutboxEntry: Sendable, Equatable {
    /// Position in the outbox; rows are published in this order.
    public let sequence: Int64
    /// The request's idempotency key.
    public let requestID: UUID
    /// The station that wrote the row.
    public let stationID: StationID
    /// The service asked for.
    public let serviceID: ServiceID
    /// The request topic.
    public let topic: String
    /// The Kafka key: the subject key (32 hex digits).
    public let key: String
    /// The encoded ``RequestEnvelope``.
    public let value: Data
    /// The trace context started when the citizen submitted.
    public let traceparent: String
    /// When the row was written.
    public let createdAt: Date
    /// Publish attempts made so far.
    public let attempts: Int
    /// When the broker acknowledged it; `nil` while it waits.
    public let sentAt: Date?

    public init(
        sequence: Int64, requestID: UUID, stationID: StationID, serviceID: ServiceID, topic: String, key: String, value: Data,
        traceparent: String, createdAt: Date, attempts: Int = 0, sentAt: Date? = nil
    ) {
        self.sequence = sequence
        self.requestID = requestID
        self.stationID = stationID
        self.serviceID = serviceID
        self.topic = topic
        self.key = key
        self.value = value
        self.traceparent = traceparent
        self.createdAt = createdAt
        self.attempts = attempts
        self.sentAt = sentAt
    }

    /// The Kafka record: key, value and the standard DCS headers, all derived from stored columns.
    /// The record as published, signed with `key` at `date` when a key is given: signed at each
    /// publication, so an outbox row sent after a long offline spell is fresh and a resend gets a
    /// new nonce (the value bytes, and so the request id, stay the same).
    public func message(signedWith key: StationKey?, at date: Date = Date()) -> KafkaProducerMessage {
        var message = self.message
        if let key {
            message.headers += RequestSignature.sign(value, stationID: stationID, key: key, at: date).headers.map { KafkaHeader(key: $0.0, string: $0.1) }
        }
        return message
    }

    /// The record as published, unsigned.
    public var message: KafkaProducerMessage {
        KafkaProducerMessage(
            topic: topic,
            key: key,
            value: value,
            headers: [
                KafkaHeader(key: MessageHeaderName.requestID, string: requestID.lowercasedString),
                KafkaHeader(key: MessageHeaderName.stationID, string: stationID.rawValue),
                KafkaHeader(key: MessageHeaderName.serviceID, string: serviceID.rawValue),
                KafkaHeader(key: MessageHeaderName.schemaVersion, string: String(RequestEnvelope.currentSchemaVersion)),
                KafkaHeader(key: MessageHeaderName.traceparent, string: traceparent),
            ]
        )
    }
}
