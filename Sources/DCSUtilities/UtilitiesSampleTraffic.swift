import DCSDomain
import DCSSchema
import Foundation

/// Sample requests for every utilities service, from the same synthetic directory the worker
/// answers from: valid look-ups and payments of known customers, and invalid ones cycling through
/// the rules each service enforces.
public struct UtilitiesSampleTraffic: SampleTraffic {
    public let directory: SyntheticUtilitiesDirectory

    public init(configuration: UtilitiesConfiguration = UtilitiesConfiguration()) {
        directory = SyntheticUtilitiesDirectory(configuration: configuration)
    }

    public var serviceIDs: [String] { UtilitiesService.serviceIDs }

    public func valid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let service = UtilitiesServiceID(rawValue: serviceID) ?? .electricityLookup
        // Spread over the directory without a pattern that keeps hitting the same few customers.
        var rng = SplitMix64(directory.seed, 0x5A3F_1E, UInt64(index))
        let customer = directory.customer(service.kind, at: Int(rng.next(below: UInt64(directory.customerCount))))
        return SampleRequest(serviceID: service.rawValue, payload: [service.customerField: .string(customer.reference)],
                             subject: customer.reference, expectation: .valid)
    }

    public func invalid(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let service = UtilitiesServiceID(rawValue: serviceID) ?? .electricityLookup
        let (reference, code): (String, UtilitiesRejection.Code)
        switch (service.kind, index % 3) {
        case (.electricity, 0): (reference, code) = ("PE1234", .electricityInvalidCustomerCode)
        case (.electricity, 1):
            // Well-formed but unknown: the serial does not decode to a customer of the directory.
            (reference, code) = ("PE0400" + CivilDate.pad(9_000_000 + index % 999_999, 7), .electricityCustomerNotFound)
        case (.electricity, _):
            // A Hanoi customer code: well-formed, not served by an HCMC station.
            (reference, code) = ("PD01001234567", .electricityRegionNotServed)
        case (.water, 0): (reference, code) = ("12345", .waterInvalidCustomerNumber)
        case (.water, 1): (reference, code) = ("1305123456a", .waterInvalidCustomerNumber)
        case (.water, _):
            // A payment with the wrong expected amount is refused before any money moves.
            let customer = directory.customer(.water, at: index % directory.customerCount)
            if service.isPayment {
                return SampleRequest(serviceID: service.rawValue, payload: ["customer_number": .string(customer.reference), "expected_amount": 1],
                                     subject: customer.reference, expectation: .valid)
            }
            (reference, code) = ("0000000000", .waterInvalidCustomerNumber)
        case (.telecom, 0): (reference, code) = ("0201234567", .telecomUnknownPrefix)
        case (.telecom, 1): (reference, code) = ("091234567", .telecomInvalidPhoneNumber)
        case (.telecom, _): (reference, code) = ("+1 650 555 0100", .telecomInvalidPhoneNumber)
        }
        return SampleRequest(serviceID: service.rawValue, payload: [service.customerField: .string(reference)],
                             subject: reference, expectation: .rejected(code: code.rawValue))
    }
}
