import DCSDomain
import DCSSchema
import Foundation

/// Reading and checking the payload fields the services share.
///
/// Fields: `id_number` (12 digits; spaces and dots tolerated), `phone_number` (`0`, `84` or `+84`
/// form), `full_name`, `birth_date` (`YYYY-MM-DD`), `face_match_score` (whole number 0-100, from
/// the kiosk camera's comparison with the chip portrait), `consent` (biometric_data). Every
/// service reads them in the same order through ``TelecomService/applicant(_:)``.
extension TelecomService {
    /// The claimed identity a citizen enters at the kiosk.
    struct ClaimedIdentity {
        let fullName: String
        let birthDate: CivilDate
        let faceMatchScore: Int64
    }

    func citizenID(_ payload: PayloadReader) throws(DomainRejection) -> CitizenID {
        let raw = try payload.string("id_number")
        do { return try CitizenID(parsing: raw) } catch { throw TelecomRejection.invalidIDNumber(error) }
    }

    func phoneNumber(_ payload: PayloadReader) throws(DomainRejection) -> PhoneNumber {
        let raw = try payload.string("phone_number")
        do {
            return try PhoneNumber(parsing: raw)
        } catch {
            switch error {
            case .invalid: throw TelecomRejection.invalidPhoneNumber
            case .unknownPrefix(let prefix): throw TelecomRejection.unknownPrefix(prefix)
            }
        }
    }

    func claimedIdentity(_ payload: PayloadReader) throws(DomainRejection) -> ClaimedIdentity {
        let name = try payload.string("full_name")
        guard name.count <= 100 else { throw payload.invalid("full_name", "must be at most 100 characters") }
        let birthDate = try payload.date("birth_date")
        let score = try payload.integer("face_match_score")
        guard (0...100).contains(score) else { throw payload.invalid("face_match_score", "must be between 0 and 100") }
        return ClaimedIdentity(fullName: name, birthDate: birthDate, faceMatchScore: score)
    }

    /// The person the population registry knows under `id`.
    func citizen(_ id: CitizenID) throws(DomainRejection) -> CitizenRecord {
        guard let record = registry.record(for: id) else { throw TelecomRejection.citizenNotFound }
        return record
    }

    /// The fields of `claimed` that do not match `record` (the ID number matched already: the
    /// record was found by it). Names compare after NFC, case folding and space collapsing.
    func mismatchedFields(_ claimed: ClaimedIdentity, against record: CitizenRecord) -> [IdentityField] {
        var fields: [IdentityField] = []
        if !PersonName.matches(claimed.fullName, record.fullName) { fields.append(.fullName) }
        if claimed.birthDate != record.birthDate { fields.append(.birthDate) }
        if claimed.faceMatchScore < configuration.faceMatchThreshold { fields.append(.face) }
        return fields
    }

    func idKey(_ id: CitizenID) -> String { id.keyedHash(citizenHMAC) }

    func phoneKey(_ phone: PhoneNumber) -> String {
        Digest.hex(subscriberHMAC.authenticationCode(Array(phone.value.utf8)))
    }

    /// How many numbers the ID may still register online, given the lines counted against it.
    func onlineRemaining(_ counted: Int) -> Int { max(0, configuration.onlineRegistrationLimit - counted) }
}
