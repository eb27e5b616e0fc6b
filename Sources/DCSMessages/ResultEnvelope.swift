import DCSSchema
import Foundation

/// A worker's answer to a request, published on `dcs.results` keyed by station id.
///
/// Invariant (checked by the initialiser and by decoding): `error` is present when the status is
/// `rejected` or `failed` and absent when it is `completed`.
public struct ResultEnvelope: DCSEnvelope {
    public static let currentSchemaVersion = 1

    /// The request answered.
    public let requestID: UUID
    /// The station that sent the request and that waits for this result.
    public let stationID: StationID
    /// The station's ward.
    public let wardCode: WardCode
    /// The service asked for.
    public let serviceID: ServiceID
    /// The outcome.
    public let status: ResultStatus
    /// Why, when rejected or failed.
    public let error: ResultError?
    /// Service-specific outcome data (receipt number, amounts, tracking code...), as it came.
    public let resultData: ResultData?
    /// ``resultData``'s members.
    public var data: [String: JSONValue]? { resultData?.members }
    /// When the worker finished.
    public let processedAt: Date
    /// Envelope version.
    public let schemaVersion: Int

    /// Builds a result, checking the status/error invariant.
    public init(
        requestID: UUID,
        stationID: StationID,
        wardCode: WardCode,
        serviceID: ServiceID,
        status: ResultStatus,
        error: ResultError? = nil,
        data: [String: JSONValue]? = nil,
        processedAt: Date = Date(),
        schemaVersion: Int = ResultEnvelope.currentSchemaVersion
    ) throws(EnvelopeError) {
        if status.requiresError, error == nil {
            throw EnvelopeError(code: .invalidField, message: "a \(status.rawValue) result must carry an error", field: "error")
        }
        if status == .completed, error != nil {
            throw EnvelopeError(code: .invalidField, message: "a completed result must not carry an error", field: "error")
        }
        self.requestID = requestID
        self.stationID = stationID
        self.wardCode = wardCode
        self.serviceID = serviceID
        self.status = status
        self.error = error
        self.resultData = data.map(ResultData.members)
        self.processedAt = processedAt
        self.schemaVersion = schemaVersion
    }

    private init(answering r: RequestEnvelope, status: ResultStatus, error: ResultError?, data: ResultData?, processedAt: Date) {
        requestID = r.requestID
        stationID = r.stationID
        wardCode = r.wardCode
        serviceID = r.serviceID
        self.status = status
        self.error = error
        self.resultData = data
        self.processedAt = processedAt
        schemaVersion = Self.currentSchemaVersion
    }

    /// A completed result for `request`.
    public static func completed(_ request: RequestEnvelope, data: ResultData? = nil, at processedAt: Date = Date()) -> ResultEnvelope {
        ResultEnvelope(answering: request, status: .completed, error: nil, data: data, processedAt: processedAt)
    }

    /// A rejection of `request` for a business reason.
    public static func rejected(_ request: RequestEnvelope, error: ResultError, data: ResultData? = nil, at processedAt: Date = Date()) -> ResultEnvelope {
        ResultEnvelope(answering: request, status: .rejected, error: error, data: data, processedAt: processedAt)
    }

    /// A result saying `request` awaits review or an in-person step.
    public static func underReview(_ request: RequestEnvelope, data: ResultData? = nil, error: ResultError? = nil, at processedAt: Date = Date()) -> ResultEnvelope {
        ResultEnvelope(answering: request, status: .underReview, error: error, data: data, processedAt: processedAt)
    }

    /// A failure to process `request`.
    public static func failed(_ request: RequestEnvelope, error: ResultError, at processedAt: Date = Date()) -> ResultEnvelope {
        ResultEnvelope(answering: request, status: .failed, error: error, data: nil, processedAt: processedAt)
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case stationID = "station_id"
        case wardCode = "ward_code"
        case serviceID = "service_id"
        case status
        case error
        case data
        case processedAt = "processed_at"
        case schemaVersion = "schema_version"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            requestID: c.decodeLowercaseUUID(forKey: .requestID),
            stationID: c.decode(StationID.self, forKey: .stationID),
            wardCode: c.decode(WardCode.self, forKey: .wardCode),
            serviceID: c.decode(ServiceID.self, forKey: .serviceID),
            status: c.decode(ResultStatus.self, forKey: .status),
            error: c.decodeIfPresent(ResultError.self, forKey: .error),
            data: c.decodeIfPresent([String: JSONValue].self, forKey: .data),
            processedAt: c.decodeRFC3339(forKey: .processedAt),
            schemaVersion: c.decode(Int.self, forKey: .schemaVersion))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeLowercase(requestID, forKey: .requestID)
        try c.encode(stationID, forKey: .stationID)
        try c.encode(wardCode, forKey: .wardCode)
        try c.encode(serviceID, forKey: .serviceID)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encodeIfPresent(data, forKey: .data)
        try c.encodeRFC3339(processedAt, forKey: .processedAt)
        try c.encode(schemaVersion, forKey: .schemaVersion)
    }
}
