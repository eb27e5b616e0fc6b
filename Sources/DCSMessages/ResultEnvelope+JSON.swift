import DCSSchema
import Foundation

extension ResultEnvelope {
    public static func fromJSON(_ json: JSONValue) -> ResultEnvelope? {
        guard let object = json.objectValue, let identity = EnvelopeIdentity(object),
              let status = object["status"]?.stringValue.flatMap(ResultStatus.init(rawValue:)),
              let processedAt = object["processed_at"]?.stringValue.flatMap(RFC3339.date(from:)),
              let schemaVersion = object["schema_version"]?.intValue
        else { return nil }
        var error: ResultError?
        if let value = object["error"], value != .null {
            guard let code = value["code"]?.stringValue, let vi = value["message"]?["vi"]?.stringValue,
                  let en = value["message"]?["en"]?.stringValue
            else { return nil }
            error = ResultError(code: code, message: LocalizedText(vi: vi, en: en))
        }
        var data: [String: JSONValue]?
        if let value = object["data"], value != .null {
            guard let members = value.objectValue else { return nil }
            data = members
        }
        return try? ResultEnvelope(
            requestID: identity.requestID, stationID: identity.stationID, wardCode: identity.wardCode, serviceID: identity.serviceID, status: status,
            error: error, data: data, processedAt: processedAt, schemaVersion: schemaVersion
        )
    }

    public var jsonValue: JSONValue? {
        .object(Dictionary(uniqueKeysWithValues: sortedWireMembers!.lazy.map { ($0.key, $0.value) }))
    }

    public var sortedWireMembers: [(key: String, value: JSONValue)]? {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(9)
        if let data { members.append(("data", .object(data))) }
        if let error {
            members.append(("error", .object(["code": .string(error.code), "message": .object(["vi": .string(error.message.vi), "en": .string(error.message.en)])])))
        }
        members.append(("processed_at", .string(RFC3339.string(from: processedAt))))
        members.append(("request_id", .string(requestID.lowercasedString)))
        members.append(("schema_version", .integer(Int64(schemaVersion))))
        members.append(("service_id", .string(serviceID.rawValue)))
        members.append(("station_id", .string(stationID.rawValue)))
        members.append(("status", .string(status.rawValue)))
        members.append(("ward_code", .string(wardCode.rawValue)))
        return members
    }
}
