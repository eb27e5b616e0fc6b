import DCSSchema
import Foundation

/// What a category service sees of a request: the envelope's facts without its transport details.
public struct DomainRequest: Sendable {
    /// The idempotency key; also a good seed for ids the service issues.
    public let requestID: UUID
    /// `category.service.action`.
    public let serviceID: String
    /// The kiosk that took the request.
    public let stationID: String
    /// The station's ward (5 digits): where the citizen is, never derived from their ID number.
    public let wardCode: String
    /// When the citizen submitted it, per the station's clock.
    public let submittedAt: Date
    /// When the worker handles it (the clock effects are stamped with).
    public let now: Date
    /// The service-specific body.
    public let payload: PayloadReader

    public init(requestID: UUID, serviceID: String, stationID: String, wardCode: String, submittedAt: Date, now: Date, payload: PayloadReader) {
        self.requestID = requestID
        self.serviceID = serviceID
        self.stationID = stationID
        self.wardCode = wardCode
        self.submittedAt = submittedAt
        self.now = now
        self.payload = payload
    }

    /// Today in Ho Chi Minh City, by the worker's clock.
    public var today: CivilDate { CivilDate.inHoChiMinhCity(now) }
}
