import DCSDomain
import DCSSchema

/// The health category's rejections: stable codes and their Vietnamese and English wording in one
/// place. Every factory returns a shared ``DomainRejection``.
public enum HealthRejection {
    /// Every code the health services produce, besides the shared `health.consent_required`,
    /// `health.payload_invalid` and `health.service_unknown`. Codes never change meaning once shipped.
    public enum Code: String, Sendable, CaseIterable {
        case telemedicineClinicNotFound = "health.telemedicine.clinic_not_found"
        case telemedicineInvalidIDNumber = "health.telemedicine.invalid_id_number"
        case telemedicinePatientNotFound = "health.telemedicine.patient_not_found"
        case telemedicineInvalidICD10Code = "health.telemedicine.invalid_icd10_code"
        case telemedicineReferredInPerson = "health.telemedicine.referred_in_person"
        case telemedicineSpecialtyNotOffered = "health.telemedicine.specialty_not_offered"
        case telemedicineSlotNotOffered = "health.telemedicine.slot_not_offered"
        case telemedicineSlotInPast = "health.telemedicine.slot_in_past"
        case telemedicineSlotBeyondWindow = "health.telemedicine.slot_beyond_window"
        case telemedicineDuplicateBooking = "health.telemedicine.duplicate_booking"
        case telemedicineSlotFull = "health.telemedicine.slot_full"
        case telemedicineInvalidBookingCode = "health.telemedicine.invalid_booking_code"
        case telemedicineBookingNotFound = "health.telemedicine.booking_not_found"
        case telemedicineAlreadyCancelled = "health.telemedicine.already_cancelled"
        case telemedicineCancelTooLate = "health.telemedicine.cancel_too_late"
        case insuranceInvalidIDNumber = "health.insurance.invalid_id_number"
        case insuranceCitizenNotFound = "health.insurance.citizen_not_found"
        case insuranceNameMismatch = "health.insurance.name_mismatch"
        case insuranceNoMembers = "health.insurance.no_members"
        case insuranceTooManyMembers = "health.insurance.too_many_members"
        case insuranceDuplicateMember = "health.insurance.duplicate_member"
        case insuranceInvalidTerm = "health.insurance.invalid_term"
        case insuranceInvalidStartDate = "health.insurance.invalid_start_date"
        case insuranceAllMembersInsuredElsewhere = "health.insurance.all_members_insured_elsewhere"
        case insuranceMemberAlreadyCovered = "health.insurance.member_already_covered"
        case insuranceAmountMismatch = "health.insurance.amount_mismatch"
    }

    /// Shared codes produced through DCSDomain helpers.
    public static let consentRequiredCode = "health.consent_required"
    public static let payloadInvalidCode = "health.payload_invalid"
    public static let serviceUnknownCode = "health.service_unknown"

    static func make(_ code: Code, vi: String, en: String, details: [String: JSONValue]? = nil) -> DomainRejection {
        DomainRejection(code: code.rawValue, vi: vi, en: en, details: details)
    }

    /// Which field of the payload a rejection is about (no value echoed: it may be personal data).
    static func fieldDetails(_ field: String) -> [String: JSONValue] { ["field": .string(field)] }
}
