/// The service ids this domain answers, as they appear in request envelopes.
public enum UtilitiesServiceID: String, Sendable, Hashable, Codable, CaseIterable {
    case electricityLookup = "utilities.electricity.lookup"
    case electricityPay = "utilities.electricity.pay"
    case waterLookup = "utilities.water.lookup"
    case waterPay = "utilities.water.pay"
    case telecomLookup = "utilities.telecom.lookup"
    case telecomPay = "utilities.telecom.pay"

    public var kind: UtilityKind {
        switch self {
        case .electricityLookup, .electricityPay: .electricity
        case .waterLookup, .waterPay: .water
        case .telecomLookup, .telecomPay: .telecom
        }
    }

    /// True for the services that pay a bill (and so write a payment).
    public var isPayment: Bool {
        switch self {
        case .electricityPay, .waterPay, .telecomPay: true
        default: false
        }
    }

    /// The JSON field that carries the customer reference for this kind.
    public var customerField: String {
        switch kind {
        case .electricity: "customer_code"
        case .water: "customer_number"
        case .telecom: "phone_number"
        }
    }
}
