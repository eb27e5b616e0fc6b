import DCSSchema
import Foundation

/// A message that could not be processed, as published on `dcs.dlq.<category>`.
///
/// It keeps the original record byte for byte (key, value and headers as UTF-8 text when they are
/// valid UTF-8, else base64 in `key_base64` / `value_base64`) so that it can be inspected with kcat
/// and replayed later, plus why and where it failed.
public struct DeadLetterRecord: DCSEnvelope {
    public static let currentSchemaVersion = 1

    /// The original Kafka record.
    public var original: OriginalMessage
    /// Why it failed.
    public var failure: Failure
    /// Processing attempts made, at least 1.
    public var attempts: Int
    /// When it first failed.
    public var firstFailureAt: Date
    /// When it last failed (the moment it was dead-lettered).
    public var lastFailureAt: Date
    /// The consumer group that gave up on it.
    public var consumerGroup: String
    /// The worker instance (host/pod name) that gave up on it.
    public var workerInstance: String
    /// W3C trace id (32 hex digits), when the original carried a `traceparent`.
    public var traceID: String?
    /// Envelope fields, when the original could be read far enough to know them.
    public var requestID: UUID?
    public var serviceID: ServiceID?
    public var wardCode: WardCode?
    public var stationID: StationID?
    /// Envelope version.
    public var schemaVersion: Int

    public init(
        original: OriginalMessage,
        failure: Failure,
        attempts: Int,
        firstFailureAt: Date,
        lastFailureAt: Date,
        consumerGroup: String,
        workerInstance: String,
        traceID: String? = nil,
        requestID: UUID? = nil,
        serviceID: ServiceID? = nil,
        wardCode: WardCode? = nil,
        stationID: StationID? = nil,
        schemaVersion: Int = DeadLetterRecord.currentSchemaVersion
    ) {
        self.original = original
        self.failure = failure
        self.attempts = attempts
        self.firstFailureAt = firstFailureAt
        self.lastFailureAt = lastFailureAt
        self.consumerGroup = consumerGroup
        self.workerInstance = workerInstance
        self.traceID = traceID
        self.requestID = requestID
        self.serviceID = serviceID
        self.wardCode = wardCode
        self.stationID = stationID
        self.schemaVersion = schemaVersion
    }

    /// Identity of the dead letter, `<topic>:<partition>:<offset>` of the original: the key of the
    /// replay log, so that a replay is done at most once.
    public var deadLetterID: String { "\(original.topic):\(original.partition):\(original.offset)" }

    /// The original Kafka record.
    public struct OriginalMessage: Sendable, Codable, Equatable {
        public var topic: String
        public var partition: Int
        public var offset: Int64
        /// The record's timestamp, when the broker gave one.
        public var timestamp: Date?
        /// Raw key bytes; `nil` for a record without key.
        public var key: Data?
        /// Raw value bytes; `nil` for a tombstone.
        public var value: Data?
        public var headers: [Header]

        public init(topic: String, partition: Int, offset: Int64, timestamp: Date? = nil, key: Data? = nil, value: Data? = nil, headers: [Header] = []) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
            self.timestamp = timestamp
            self.key = key
            self.value = value
            self.headers = headers
        }

        enum CodingKeys: String, CodingKey {
            case topic, partition, offset, timestamp, key, value, headers
            case keyBase64 = "key_base64"
            case valueBase64 = "value_base64"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            topic = try c.decode(String.self, forKey: .topic)
            partition = try c.decode(Int.self, forKey: .partition)
            offset = try c.decode(Int64.self, forKey: .offset)
            timestamp = try c.decodeRFC3339IfPresent(forKey: .timestamp)
            key = try BytesField.decode(c, text: .key, base64: .keyBase64)
            value = try BytesField.decode(c, text: .value, base64: .valueBase64)
            headers = try c.decodeIfPresent([Header].self, forKey: .headers) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(topic, forKey: .topic)
            try c.encode(partition, forKey: .partition)
            try c.encode(offset, forKey: .offset)
            if let timestamp { try c.encodeRFC3339(timestamp, forKey: .timestamp) }
            try BytesField.encode(key, &c, text: .key, base64: .keyBase64)
            try BytesField.encode(value, &c, text: .value, base64: .valueBase64)
            try c.encode(headers, forKey: .headers)
        }
    }

    /// One Kafka header of the original record.
    public struct Header: Sendable, Codable, Equatable {
        public var key: String
        /// Raw header bytes; `nil` for a header without value.
        public var value: Data?

        public init(key: String, value: Data?) {
            self.key = key
            self.value = value
        }

        /// A header with a UTF-8 text value.
        public init(key: String, text: String) {
            self.init(key: key, value: Data(text.utf8))
        }

        enum CodingKeys: String, CodingKey {
            case key, value
            case valueBase64 = "value_base64"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            key = try c.decode(String.self, forKey: .key)
            value = try BytesField.decode(c, text: .value, base64: .valueBase64)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try BytesField.encode(value, &c, text: .value, base64: .valueBase64)
        }
    }

    /// Why the message was dead-lettered.
    public struct Failure: Sendable, Codable, Equatable {
        /// Broad class, which decides the operator's next step.
        public var failureClass: FailureClass
        /// Stable code of the precise reason (e.g. `envelope.schema_violation`).
        public var reasonCode: String
        /// Human-readable detail. Must hold no personal data.
        public var message: String

        public init(failureClass: FailureClass, reasonCode: String, message: String) {
            self.failureClass = failureClass
            self.reasonCode = reasonCode
            self.message = message
        }

        enum CodingKeys: String, CodingKey {
            case failureClass = "class"
            case reasonCode = "reason_code"
            case message
        }
    }

    enum CodingKeys: String, CodingKey {
        case original, failure, attempts
        case firstFailureAt = "first_failure_at"
        case lastFailureAt = "last_failure_at"
        case consumerGroup = "consumer_group"
        case workerInstance = "worker_instance"
        case traceID = "trace_id"
        case requestID = "request_id"
        case serviceID = "service_id"
        case wardCode = "ward_code"
        case stationID = "station_id"
        case schemaVersion = "schema_version"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        original = try c.decode(OriginalMessage.self, forKey: .original)
        failure = try c.decode(Failure.self, forKey: .failure)
        attempts = try c.decode(Int.self, forKey: .attempts)
        firstFailureAt = try c.decodeRFC3339(forKey: .firstFailureAt)
        lastFailureAt = try c.decodeRFC3339(forKey: .lastFailureAt)
        consumerGroup = try c.decode(String.self, forKey: .consumerGroup)
        workerInstance = try c.decode(String.self, forKey: .workerInstance)
        traceID = try c.decodeIfPresent(String.self, forKey: .traceID)
        requestID = try c.decodeLowercaseUUIDIfPresent(forKey: .requestID)
        serviceID = try c.decodeIfPresent(ServiceID.self, forKey: .serviceID)
        wardCode = try c.decodeIfPresent(WardCode.self, forKey: .wardCode)
        stationID = try c.decodeIfPresent(StationID.self, forKey: .stationID)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(original, forKey: .original)
        try c.encode(failure, forKey: .failure)
        try c.encode(attempts, forKey: .attempts)
        try c.encodeRFC3339(firstFailureAt, forKey: .firstFailureAt)
        try c.encodeRFC3339(lastFailureAt, forKey: .lastFailureAt)
        try c.encode(consumerGroup, forKey: .consumerGroup)
        try c.encode(workerInstance, forKey: .workerInstance)
        try c.encodeIfPresent(traceID, forKey: .traceID)
        if let requestID { try c.encodeLowercase(requestID, forKey: .requestID) }
        try c.encodeIfPresent(serviceID, forKey: .serviceID)
        try c.encodeIfPresent(wardCode, forKey: .wardCode)
        try c.encodeIfPresent(stationID, forKey: .stationID)
        try c.encode(schemaVersion, forKey: .schemaVersion)
    }
}

/// Bytes written as UTF-8 text when possible (readable with kcat), else as base64 in a sibling field.
enum BytesField {
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, text: K, base64: K) throws -> Data? {
        if let b64 = try c.decodeIfPresent(String.self, forKey: base64) {
            guard let data = Data(base64Encoded: b64) else {
                throw DecodingError.dataCorruptedError(forKey: base64, in: c, debugDescription: "not valid base64")
            }
            return data
        }
        return try c.decodeIfPresent(String.self, forKey: text).map { Data($0.utf8) }
    }

    static func encode<K: CodingKey>(_ data: Data?, _ c: inout KeyedEncodingContainer<K>, text: K, base64: K) throws {
        guard let data else {
            try c.encodeNil(forKey: text)
            return
        }
        if let s = String(data: data, encoding: .utf8) {
            try c.encode(s, forKey: text)
        } else {
            try c.encode(data.base64EncodedString(), forKey: base64)
        }
    }
}
