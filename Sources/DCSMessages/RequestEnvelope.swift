import DCSSchema
import Foundation

/// A citizen's request as published by a station on `dcs.requests.<category>`.
///
/// `request_id` is the idempotency key: a worker that sees the same id twice must not act twice.
public struct RequestEnvelope: DCSEnvelope {
    public static let currentSchemaVersion = 1

    /// Idempotency key; lowercase on the wire.
    public var requestID: UUID
    /// The kiosk that took the request.
    public var stationID: StationID
    /// Where the station is (never derived from the citizen's ID number).
    public var wardCode: WardCode
    /// What is asked for; its category selects the topic.
    public var serviceID: ServiceID
    /// When the citizen submitted it, per the station's clock.
    public var submittedAt: Date
    /// Envelope version, ``currentSchemaVersion`` when written by this code.
    public var schemaVersion: Int
    /// The service-specific request body.
    public var payload: [String: JSONValue]
    /// Partition of `dcs.results` the station listens on, for later reply routing.
    public var replyPartition: Int?
    /// Delivery attempt, 1 for the first; set by the retry path.
    public var attempt: Int?

    public init(
        requestID: UUID = .timeOrdered(),
        stationID: StationID,
        wardCode: WardCode,
        serviceID: ServiceID,
        submittedAt: Date = Date(),
        schemaVersion: Int = RequestEnvelope.currentSchemaVersion,
        payload: [String: JSONValue] = [:],
        replyPartition: Int? = nil,
        attempt: Int? = nil
    ) {
        self.requestID = requestID
        self.stationID = stationID
        self.wardCode = wardCode
        self.serviceID = serviceID
        self.submittedAt = submittedAt
        self.schemaVersion = schemaVersion
        self.payload = payload
        self.replyPartition = replyPartition
        self.attempt = attempt
    }

    /// The category, from the service id.
    public var category: ServiceCategory { serviceID.category }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case stationID = "station_id"
        case wardCode = "ward_code"
        case serviceID = "service_id"
        case submittedAt = "submitted_at"
        case schemaVersion = "schema_version"
        case payload
        case replyPartition = "reply_partition"
        case attempt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        requestID = try c.decodeLowercaseUUID(forKey: .requestID)
        stationID = try c.decode(StationID.self, forKey: .stationID)
        wardCode = try c.decode(WardCode.self, forKey: .wardCode)
        serviceID = try c.decode(ServiceID.self, forKey: .serviceID)
        submittedAt = try c.decodeRFC3339(forKey: .submittedAt)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        payload = try c.decode([String: JSONValue].self, forKey: .payload)
        replyPartition = try c.decodeIfPresent(Int.self, forKey: .replyPartition)
        attempt = try c.decodeIfPresent(Int.self, forKey: .attempt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeLowercase(requestID, forKey: .requestID)
        try c.encode(stationID, forKey: .stationID)
        try c.encode(wardCode, forKey: .wardCode)
        try c.encode(serviceID, forKey: .serviceID)
        try c.encodeRFC3339(submittedAt, forKey: .submittedAt)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(payload, forKey: .payload)
        try c.encodeIfPresent(replyPartition, forKey: .replyPartition)
        try c.encodeIfPresent(attempt, forKey: .attempt)
    }
}
