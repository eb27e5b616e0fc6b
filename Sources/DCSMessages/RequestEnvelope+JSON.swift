import DCSSchema
import Foundation

extension RequestEnvelope {
    public static func fromJSON(_ json: JSONValue) -> RequestEnvelope? {
        guard let object = json.objectValue,
              let id = object["request_id"]?.stringValue, id == id.lowercased(), let requestID = UUID(uuidString: id),
              let stationID = object["station_id"]?.stringValue.flatMap(StationID.init(rawValue:)),
              let wardCode = object["ward_code"]?.stringValue.flatMap(WardCode.init(rawValue:)),
              let serviceID = object["service_id"]?.stringValue.flatMap(ServiceID.init(rawValue:)),
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
            requestID: requestID, stationID: stationID, wardCode: wardCode, serviceID: serviceID,
            submittedAt: submittedAt, schemaVersion: schemaVersion, payload: payload,
            replyPartition: replyPartition?.intValue, attempt: attempt?.intValue
        )
    }

    public var jsonValue: JSONValue? {
        var object: [String: JSONValue] = [
            "request_id": .string(requestID.uuidString.lowercased()),
            "station_id": .string(stationID.rawValue),
            "ward_code": .string(wardCode.rawValue),
            "service_id": .string(serviceID.rawValue),
            "submitted_at": .string(RFC3339.string(from: submittedAt)),
            "schema_version": .integer(Int64(schemaVersion)),
            "payload": .object(payload),
        ]
        if let replyPartition { object["reply_partition"] = .integer(Int64(replyPartition)) }
        if let attempt { object["attempt"] = .integer(Int64(attempt)) }
        return .object(object)
    }
}
