import DCSSchema
import Foundation

/// A security-relevant event on `dcs.security-events`, keyed by station id. Carries no personal
/// data: never a payload, an ID number or a name.
public struct SecurityEvent: DCSEnvelope {
    public static let currentSchemaVersion = 1

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case signatureInvalid = "signature_invalid"
        case replayDetected = "replay_detected"
        case rateLimited = "rate_limited"
        case authenticationFailed = "authentication_failed"
        case tamperAlarm = "tamper_alarm"
        case messageRejected = "message_rejected"
        case unusualActivity = "unusual_activity"
    }

    public enum Severity: String, Sendable, Codable, CaseIterable {
        case info, warning, critical
    }

    public var eventID: UUID
    public var occurredAt: Date
    /// The station the message claimed to come from, `UNKNOWN` when it named none.
    public var stationID: String
    public var wardCode: String?
    public var kind: Kind
    public var severity: Severity
    /// The component that raised it (worker instance).
    public var source: String
    public var requestID: UUID?
    public var traceID: String?
    /// Stable code, e.g. `security.signature_invalid`.
    public var reasonCode: String
    /// Non-personal context: topic, partition, offset, key id.
    public var details: [String: JSONValue]?
    public var schemaVersion: Int

    public init(
        eventID: UUID = UUID(), occurredAt: Date, stationID: String, wardCode: String? = nil, kind: Kind, severity: Severity,
        source: String, requestID: UUID? = nil, traceID: String? = nil, reasonCode: String, details: [String: JSONValue]? = nil
    ) {
        self.eventID = eventID
        self.occurredAt = occurredAt
        self.stationID = stationID
        self.wardCode = wardCode
        self.kind = kind
        self.severity = severity
        self.source = source
        self.requestID = requestID
        self.traceID = traceID
        self.reasonCode = reasonCode
        self.details = details
        self.schemaVersion = Self.currentSchemaVersion
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", occurredAt = "occurred_at", stationID = "station_id", wardCode = "ward_code", kind, severity, source
        case requestID = "request_id", traceID = "trace_id", reasonCode = "reason_code", details, schemaVersion = "schema_version"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventID = try c.decodeLowercaseUUID(forKey: .eventID)
        occurredAt = try c.decodeRFC3339(forKey: .occurredAt)
        stationID = try c.decode(String.self, forKey: .stationID)
        wardCode = try c.decodeIfPresent(String.self, forKey: .wardCode)
        kind = try c.decode(Kind.self, forKey: .kind)
        severity = try c.decode(Severity.self, forKey: .severity)
        source = try c.decode(String.self, forKey: .source)
        requestID = try c.decodeLowercaseUUIDIfPresent(forKey: .requestID)
        traceID = try c.decodeIfPresent(String.self, forKey: .traceID)
        reasonCode = try c.decode(String.self, forKey: .reasonCode)
        details = try c.decodeIfPresent([String: JSONValue].self, forKey: .details)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeLowercase(eventID, forKey: .eventID)
        try c.encodeRFC3339(occurredAt, forKey: .occurredAt)
        try c.encode(stationID, forKey: .stationID)
        try c.encodeIfPresent(wardCode, forKey: .wardCode)
        try c.encode(kind, forKey: .kind)
        try c.encode(severity, forKey: .severity)
        try c.encode(source, forKey: .source)
        if let requestID { try c.encodeLowercase(requestID, forKey: .requestID) }
        try c.encodeIfPresent(traceID, forKey: .traceID)
        try c.encode(reasonCode, forKey: .reasonCode)
        try c.encodeIfPresent(details, forKey: .details)
        try c.encode(schemaVersion, forKey: .schemaVersion)
    }
}
