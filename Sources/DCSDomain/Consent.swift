import DCSSchema
import Foundation

/// A citizen's consent for one purpose, as the station records it (Law 91/2025: per purpose,
/// explicit, never pre-ticked, withdrawable) [firm].
///
/// Payload shape: `"consent": {"purpose": "health_data", "granted": true, "granted_at": "<RFC 3339>"}`.
/// Only an explicit `true` for the exact purpose counts; a missing object, `false`, another purpose
/// or a time after the request was submitted is no consent.
public enum ConsentPurpose: String, Sendable, Hashable, Codable, CaseIterable {
    /// Health conditions and insurance membership (telemedicine, household insurance).
    case healthData = "health_data"
    /// Face and fingerprint comparison (eKYC account opening, SIM identification).
    case biometricData = "biometric_data"
    /// Bank account and card data (account opening, card applications).
    case financialData = "financial_data"
}

extension PayloadReader {
    /// Whether the payload carries explicit consent for `purpose`, given no later than `submittedAt`.
    public func hasConsent(_ purpose: ConsentPurpose, submittedAt: Date) throws(DomainRejection) -> Bool {
        guard let consent = try optionalObject("consent") else { return false }
        guard try consent.optionalString("purpose") == purpose.rawValue, try consent.optionalBool("granted") == true else { return false }
        guard let text = try consent.optionalString("granted_at") else { return false }
        guard let grantedAt = RFC3339.date(from: text) else { throw invalid("consent.granted_at", "must be an RFC 3339 time") }
        // A little slack for kiosk clock skew within one submission.
        return grantedAt <= submittedAt.addingTimeInterval(60)
    }

    /// Throws the category's `consent_required` rejection unless ``hasConsent(_:submittedAt:)``.
    public func requireConsent(_ purpose: ConsentPurpose, submittedAt: Date) throws(DomainRejection) {
        guard try hasConsent(purpose, submittedAt: submittedAt) else {
            throw DomainRejection(
                code: "\(category).consent_required",
                vi: "Cần sự đồng ý rõ ràng của công dân cho mục đích '\(purpose.rawValue)' trước khi xử lý.",
                en: "The citizen's explicit consent for '\(purpose.rawValue)' is needed before processing.",
                details: ["purpose": .string(purpose.rawValue)])
        }
    }
}
