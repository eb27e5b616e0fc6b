import DCSDomain
import Foundation

/// Request payloads and customer resolution.
///
/// Payloads are JSON objects: `{"customer_code": "PE04001234567"}` (electricity),
/// `{"customer_number": "13051234567"}` (water), `{"phone_number": "0912 345 678"}` (telecom);
/// pay requests may add `"expected_amount": <integer VND>`. Unknown keys are ignored so the
/// envelope schema can grow first.
extension UtilitiesService {
    /// The fields of a utilities request payload.
    public struct RequestPayload: Decodable, Sendable, Equatable {
        public var customerCode: String?
        public var customerNumber: String?
        public var phoneNumber: String?
        public var expectedAmount: Int64?

        public init(customerCode: String? = nil, customerNumber: String? = nil, phoneNumber: String? = nil, expectedAmount: Int64? = nil) {
            self.customerCode = customerCode
            self.customerNumber = customerNumber
            self.phoneNumber = phoneNumber
            self.expectedAmount = expectedAmount
        }

        enum CodingKeys: String, CodingKey {
            case customerCode = "customer_code", customerNumber = "customer_number"
            case phoneNumber = "phone_number", expectedAmount = "expected_amount"
        }
    }

    /// A customer that exists, with the keys its rows are stored under.
    struct ResolvedAccount {
        let customer: SyntheticCustomer
        /// `customer_key` column: the reference, or a keyed hash for phone numbers.
        let storageKey: String
        let summary: CustomerSummary

        func billID(_ period: BillingPeriod) -> String {
            let stem = customer.kind == .telecom ? String(storageKey.prefix(20)) : customer.reference
            return "\(customer.kind.billIDPrefix)-\(stem)-\(period)"
        }
    }

    static func decodePayload(_ data: Data) throws(UtilitiesRejection) -> RequestPayload {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw .payloadInvalid("the payload must be a JSON object")
        }
        do {
            return try JSONDecoder().decode(RequestPayload.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .payloadInvalid("field '\(field)' has the wrong type")
        } catch {
            throw .payloadInvalid("the payload cannot be decoded")
        }
    }

    static func reference(in payload: RequestPayload, for service: UtilitiesServiceID) throws(UtilitiesRejection) -> String {
        let value: String? = switch service.kind {
        case .electricity: payload.customerCode
        case .water: payload.customerNumber
        case .telecom: payload.phoneNumber
        }
        guard let value else { throw .payloadInvalid("field '\(service.customerField)' is missing") }
        return value
    }

    /// Validates a reference and finds its customer; every failure is a typed rejection.
    public func resolve(_ kind: UtilityKind, reference raw: String) throws(UtilitiesRejection) -> SyntheticCustomer {
        try resolveAccount(kind, reference: raw).customer
    }

    func resolveAccount(_ kind: UtilityKind, reference raw: String) throws(UtilitiesRejection) -> ResolvedAccount {
        switch kind {
        case .electricity:
            let code = try ElectricityCustomerCode.parse(raw, servedPrefixes: configuration.servedElectricityPrefixes)
            guard let customer = directory.customer(electricity: code) else { throw .electricityCustomerNotFound(code) }
            let summary = CustomerSummary(kind: kind, reference: code.value, unitCode: code.unitCode, region: code.region,
                                          persons: nil, carrier: nil, prefixCarrier: nil)
            return ResolvedAccount(customer: customer, storageKey: code.value, summary: summary)
        case .water:
            let number = try WaterCustomerNumber(parsing: raw)
            guard let customer = directory.customer(water: number) else { throw .waterCustomerNotFound(number) }
            let summary = CustomerSummary(kind: kind, reference: number.value, unitCode: nil, region: nil,
                                          persons: customer.persons, carrier: nil, prefixCarrier: nil)
            return ResolvedAccount(customer: customer, storageKey: number.value, summary: summary)
        case .telecom:
            let phone = try PhoneNumber.parse(raw)
            guard let customer = directory.customer(telecom: phone) else { throw .telecomSubscriberNotFound(phone) }
            let summary = CustomerSummary(kind: kind, reference: phone.masked, unitCode: nil, region: nil, persons: nil,
                                          carrier: customer.carrier, prefixCarrier: phone.prefixCarrier)
            return ResolvedAccount(customer: customer, storageKey: subscriberKey(phone), summary: summary)
        }
    }

    /// Hex HMAC-SHA256 of the normalised number under the configured key.
    func subscriberKey(_ phone: PhoneNumber) -> String {
        Digest.hex(subscriberHMAC.authenticationCode(Array(phone.value.utf8)))
    }
}
