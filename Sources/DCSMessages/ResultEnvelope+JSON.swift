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
        wireObject.map { .object($0.members) }
    }

    public var wireObject: JSONObjectBytes? {
        var object = JSONObjectWriter(capacity: 1024)
        switch resultData {
        case .encoded(let written)?: object.object("data", written)
        case .members(let members)?: object.value("data", .object(members))
        case nil: break
        }
        if let failure = error {
            object.object("error") { error in
                error.string("code", failure.code)
                error.object("message") { message in
                    message.string("en", failure.message.en)
                    message.string("vi", failure.message.vi)
                }
            }
        }
        object.string("processed_at", RFC3339.string(from: processedAt))
        object.string("request_id", requestID.lowercasedString)
        object.integer("schema_version", Int64(schemaVersion))
        object.string("service_id", serviceID.rawValue)
        object.string("station_id", stationID.rawValue)
        object.string("status", status.rawValue)
        object.string("ward_code", wardCode.rawValue)
        return object.finish()
    }
}
