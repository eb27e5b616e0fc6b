import DCSDomain
import DCSSchema
import Foundation

/// Proof of identity, shared by every telecom service.
///
/// Every service acts on the numbers of one ID document, so the kiosk collects the same proof for
/// all of them (Circular 08/2026's four fields): the ID number, the full name and birth date typed
/// by the citizen, the kiosk camera's face-match score against the chip portrait, and explicit
/// biometric consent (Law 91/2025). Knowing somebody's 12-digit ID number alone must not be enough
/// to see or disown the numbers registered to it.
///
/// The checks run in one order for all services: `id_number` (format), `phone_number` (format,
/// services about one number), the claimed identity fields (format), biometric consent, the
/// registry record, then the comparison. Format and consent problems come before any registry
/// lookup, so an unconsented request touches nothing. What a mismatch means is the service's call:
/// an outcome with a suspension timeline for `identify`, a refusal (``Applicant/requireMatch()``)
/// everywhere else.
extension TelecomService {
    /// The citizen at the kiosk: the ID document presented, the population registry's record of it
    /// and how the claimed name, birth date and face compare with that record.
    struct Applicant {
        let id: CitizenID
        let record: CitizenRecord
        /// The claimed fields that differ from the registry, in ``IdentityField`` order (names
        /// only); empty when all four fields match (the ID number matched already: the record was
        /// found by it).
        let mismatchedFields: [IdentityField]

        /// Refuses a request whose claimed identity does not match the registry:
        /// `telecom.sim.identity_mismatch` naming the failed fields, nothing opened or changed.
        func requireMatch(for service: TelecomServiceID) throws(DomainRejection) {
            guard mismatchedFields.isEmpty else { throw TelecomRejection.identityMismatch(mismatchedFields, service: service) }
        }
    }

    /// The applicant of a request about the ID document as a whole (`telecom.sim.list`).
    ///
    /// - Throws: `payload_invalid`, `invalid_id_number`, `consent_required`, `citizen_not_found`.
    func applicant(_ request: DomainRequest) throws(DomainRejection) -> Applicant {
        try applicant(request, number: { (_: PayloadReader) throws(DomainRejection) in () }).applicant
    }

    /// The applicant of a request about one number (`identify`, `disown`, `register`) and that
    /// number; whether the number belongs to the ID is the service's own rule.
    ///
    /// - Throws: as ``applicant(_:)``, plus `invalid_phone_number` and `unknown_prefix`.
    func applicantAndNumber(_ request: DomainRequest) throws(DomainRejection) -> (applicant: Applicant, phone: PhoneNumber) {
        let (applicant, phone) = try applicant(request, number: phoneNumber)
        return (applicant, phone)
    }

    /// The shared sequence; `readNumber` reads the service's number between the ID number and the
    /// claimed identity, so a malformed number is reported before a missing name.
    private func applicant<Number>(
        _ request: DomainRequest, number readNumber: (PayloadReader) throws(DomainRejection) -> Number
    ) throws(DomainRejection) -> (applicant: Applicant, number: Number) {
        let payload = request.payload
        let id = try citizenID(payload)
        let number = try readNumber(payload)
        let claimed = try claimedIdentity(payload)
        try payload.requireConsent(.biometricData, submittedAt: request.submittedAt)
        let record = try citizen(id)
        return (Applicant(id: id, record: record, mismatchedFields: mismatchedFields(claimed, against: record)), number)
    }
}
