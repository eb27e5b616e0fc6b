import DCSDomain
import DCSSchema
import Foundation

/// Sample requests for every health service, drawn from the same synthetic world the worker
/// answers from (citizens, clinics, BHYT registry), deterministic in the index.
///
/// Valid telemedicine samples are chained by index: `register` index i books clinic
/// `i % clinicCount` on its `(i / clinicCount)`-th open day in the booking window, so for a fresh
/// database (and i below clinics x open days) it is that day's first booking, sequence 0001; the
/// `status` and `cancel` samples of index i name that booking code and patient. Valid insurance
/// samples use disjoint households for quote and purchase.
///
/// Invalid samples cycle by index through each service's rules that a single request can break;
/// rules that need earlier state (duplicate booking, full slot, cancelling too late or twice, a
/// member already covered) are exercised by the tests instead.
public struct HealthSampleTraffic: SampleTraffic {
    let service: HealthService
    public var serviceIDs: [String] { HealthService.serviceIDs }

    public init(configuration: HealthConfiguration = .init()) {
        self.service = HealthService(configuration: configuration)
    }

    public func valid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        precondition(index >= 0)
        switch HealthServiceID(rawValue: serviceID) {
        case .telemedicineRegister?: return validRegister(index: index, now: now)
        case .telemedicineCancel?, .telemedicineStatus?: return validBookingLookup(serviceID, index: index, now: now)
        case .insuranceQuote?: return validHousehold(serviceID, base: 200_000, index: index, now: now)
        case .insurancePurchase?: return validHousehold(serviceID, base: 300_000, index: index, now: now)
        case nil: preconditionFailure("unknown health service \(serviceID)")
        }
    }

    public func invalid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        precondition(index >= 0)
        switch HealthServiceID(rawValue: serviceID) {
        case .telemedicineRegister?: return invalidRegister(index: index, now: now)
        case .telemedicineCancel?, .telemedicineStatus?: return invalidBookingLookup(serviceID, index: index, now: now)
        case .insuranceQuote?, .insurancePurchase?: return invalidHousehold(serviceID, index: index, now: now)
        case nil: preconditionFailure("unknown health service \(serviceID)")
        }
    }

    // MARK: Shared pieces

    /// Explicit health-data consent given half a minute before `now`.
    static func consent(_ now: Date) -> JSONValue {
        .object([
            "purpose": .string(ConsentPurpose.healthData.rawValue),
            "granted": true,
            "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-30))),
        ])
    }

    static func rejected(_ serviceID: String, _ payload: [String: JSONValue], subject: String, _ code: String) -> SampleRequest {
        SampleRequest(serviceID: serviceID, payload: payload, subject: subject, expectation: .rejected(code: code))
    }

    static func code(_ code: HealthRejection.Code) -> String { code.rawValue }
}
