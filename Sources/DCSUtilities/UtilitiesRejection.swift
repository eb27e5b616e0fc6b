/// A business refusal of a utilities request: final, safe to show the citizen, never retried.
///
/// `code` is stable (stations and dashboards key on it); the messages are for people, in
/// Vietnamese for the kiosk screen and in English for operators.
public struct UtilitiesRejection: Error, Sendable, Hashable, Codable {
    /// Stable rejection codes. Never renamed once shipped; add new cases instead.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case payloadInvalid = "utilities.payload.invalid"
        case serviceUnknown = "utilities.service.unknown"
        case electricityInvalidCustomerCode = "utilities.electricity.invalid_customer_code"
        case electricityRegionNotServed = "utilities.electricity.region_not_served"
        case electricityCustomerNotFound = "utilities.electricity.customer_not_found"
        case waterInvalidCustomerNumber = "utilities.water.invalid_customer_number"
        case waterCustomerNotFound = "utilities.water.customer_not_found"
        case telecomInvalidPhoneNumber = "utilities.telecom.invalid_phone_number"
        case telecomUnknownPrefix = "utilities.telecom.unknown_prefix"
        case telecomSubscriberNotFound = "utilities.telecom.subscriber_not_found"
        case billNothingDue = "utilities.bill.nothing_due"
        case billAmountMismatch = "utilities.bill.amount_mismatch"
        case paymentRequestReused = "utilities.payment.request_reused"
    }

    public let code: Code
    /// Natural Vietnamese, with diacritics, for the kiosk screen.
    public let messageVi: String
    /// English, for operators and logs.
    public let messageEn: String

    public init(code: Code, messageVi: String, messageEn: String) {
        self.code = code
        self.messageVi = messageVi
        self.messageEn = messageEn
    }

    enum CodingKeys: String, CodingKey {
        case code, messageVi = "message_vi", messageEn = "message_en"
    }
}
