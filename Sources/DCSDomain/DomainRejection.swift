import DCSSchema

/// A business-rule violation: the request was understood and is refused, with a stable code that a
/// station maps to its screens and an operator filters on, and text for the citizen in Vietnamese
/// and English.
///
/// Codes are `category.service.reason` (e.g. `health.insurance.member_already_insured`); once
/// shipped a code never changes meaning.
public struct DomainRejection: Error, Sendable, Equatable {
    /// Stable code, `category.service.reason`.
    public let code: String
    /// Text for the citizen, in Vietnamese (the kiosk's primary language).
    public let messageVi: String
    /// The same in English.
    public let messageEn: String
    /// Extra facts the station may show (e.g. the referral for an in-person visit). Never personal
    /// data beyond what the citizen entered.
    public let details: [String: JSONValue]?

    public init(code: String, vi: String, en: String, details: [String: JSONValue]? = nil) {
        self.code = code
        self.messageVi = vi
        self.messageEn = en
        self.details = details
    }

    /// The payload is not what the service's schema describes (missing field, wrong type).
    public static func payloadInvalid(category: String, _ why: String) -> DomainRejection {
        DomainRejection(code: "\(category).payload_invalid",
                        vi: "Yêu cầu thiếu thông tin hoặc sai định dạng (\(why)).",
                        en: "The request is incomplete or malformed (\(why)).")
    }

    /// The service id is not one this category offers.
    public static func serviceUnknown(category: String, _ serviceID: String) -> DomainRejection {
        DomainRejection(code: "\(category).service_unknown",
                        vi: "Dịch vụ '\(serviceID)' không được hỗ trợ.",
                        en: "The service '\(serviceID)' is not offered.")
    }
}
