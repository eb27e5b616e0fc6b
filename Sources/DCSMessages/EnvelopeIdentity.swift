import DCSSchema
import Foundation

/// The fields that say whose request a message is about, shared by requests and results.
struct EnvelopeIdentity {
    let requestID: UUID
    let stationID: StationID
    let wardCode: WardCode
    let serviceID: ServiceID

    /// Reads them from a parsed message; `nil` when any is missing or invalid (including a request
    /// id that is not lowercase, as the wire form requires).
    init?(_ object: [String: JSONValue]) {
        guard let requestID = object["request_id"]?.stringValue.flatMap(UUID.init(lowercasedString:)),
              let stationID = object["station_id"]?.stringValue.flatMap(StationID.init(rawValue:)),
              let wardCode = object["ward_code"]?.stringValue.flatMap(WardCode.init(rawValue:)),
              let serviceID = object["service_id"]?.stringValue.flatMap(ServiceID.init(rawValue:))
        else { return nil }
        self.requestID = requestID
        self.stationID = stationID
        self.wardCode = wardCode
        self.serviceID = serviceID
    }

    /// The same fields in wire form.
    static func members(requestID: UUID, stationID: StationID, wardCode: WardCode, serviceID: ServiceID) -> [String: JSONValue] {
        [
            "request_id": .string(requestID.lowercasedString),
            "station_id": .string(stationID.rawValue),
            "ward_code": .string(wardCode.rawValue),
            "service_id": .string(serviceID.rawValue),
        ]
    }
}
