import DCSSchema
import Foundation

extension RequestEnvelope {
    public static func fromJSON(_ json: JSONValue) -> RequestEnvelope? {
        guard let object = json.objectValue, let identity = EnvelopeIdentity(object),
              let submittedAt = object["submitted_at"]?.stringValue.flatMap(RFC3339.date(from:)),
              let schemaVersion = object["schema_version"]?.intValue,
              let payload = object["payload"]?.objectValue
        else { return nil }
        let replyPartition = object["reply_partition"]
        let attempt = object["attempt"]
        guard replyPartition == nil || replyPartition == .null || replyPartition?.intValue != nil,
              attempt == nil || attempt == .null || attempt?.intValue != nil
        else { return nil }
        return RequestEnvelope(
            requestID: identity.requestID, stationID: identity.stationID, wardCode: identity.wardCode, serviceID: identity.serviceID,
            submittedAt: submittedAt, schemaVersion: schemaVersion, payload: payload,
            replyPartition: replyPartition?.intValue, attempt: attempt?.intValue
        )
    }

    public var jsonValue: JSONValue? {
        var object = EnvelopeIdentity.members(requestID: requestID, stationID: stationID, wardCode: wardCode, serviceID: serviceID)
        object.merge([
            "submitted_at": .string(RFC3339.string(from: submittedAt)),
            "schema_version": .integer(Int64(schemaVersion)),
            "payload": .object(payload),
        ]) { _, new in new }
        if let replyPartition { object["reply_partition"] = .integer(Int64(replyPartition)) }
        if let attempt { object["attempt"] = .integer(Int64(attempt)) }
        return .object(object)
    }
}

extension RequestEnvelope {
    /// Whose request a message is, when the message is too broken to decode as a whole: a request
    /// with the message's id, station, ward and service and an empty payload, so its station can
    /// still be told it was rejected. `nil` when those fields cannot be read either.
    public static func identifying(_ data: Data, at now: Date) -> RequestEnvelope? {
        guard let object = try? JSONValue(parsing: data).objectValue, let identity = EnvelopeIdentity(object) else { return nil }
        return RequestEnvelope(
            requestID: identity.requestID, stationID: identity.stationID, wardCode: identity.wardCode,
            serviceID: identity.serviceID, submittedAt: now
        )
    }
}
