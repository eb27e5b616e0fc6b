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
        var object = EnvelopeIdentity.members(requestID: requestID, stationID: stationID, wardCode: wardCode, serviceID: serviceID)
        object.merge([
            "status": .string(status.rawValue),
            "processed_at": .string(RFC3339.string(from: processedAt)),
            "schema_version": .integer(Int64(schemaVersion)),
        ]) { _, new in new }
        if let error {
            object["error"] = .object(["code": .string(error.code), "message": .object(["vi": .string(error.message.vi), "en": .string(error.message.en)])])
        }
        if let data { object["data"] = .object(data) }
        return .object(object)
    }
}
