import DCSDomain
import DCSSchema
import Foundation

/// Telemedicine samples.
extension HealthSampleTraffic {
    /// Where valid sample `index` books: its clinic, slot and patient.
    struct SampleBooking {
        let clinic: Clinic
        let date: CivilDate
        let time: TimeOfDay
        let patient: CitizenRecord
        let condition: TelemedicineCondition
        /// The code the booking gets when it is the first of its clinic and day.
        var expectedCode: BookingCode { BookingCode(clinicID: clinic.id, slotDate: date, sequence: 1) }
    }

    func sampleBooking(index: Int, now: Date) -> SampleBooking {
        let clinics = service.clinics.clinics
        let clinic = clinics[index % clinics.count]
        let round = index / clinics.count
        let today = CivilDate.inHoChiMinhCity(now)
        // From tomorrow on, so the slot is always past the minimum lead time.
        let openDays = (1...service.configuration.bookingWindowDays).map { today.adding(days: $0) }.filter(clinic.isOpen(on:))
        let date = openDays[round % openDays.count]
        let time = clinic.slotTimes[(round / openDays.count + index) % clinic.slotTimes.count]
        let eligible = service.configuration.eligibility.conditions.filter { clinic.specialties.contains($0.specialty) }
        return SampleBooking(clinic: clinic, date: date, time: time, patient: service.citizens.citizen(at: 100_000 + index),
                             condition: eligible[index % eligible.count])
    }

    func registerPayload(_ booking: SampleBooking, now: Date) -> [String: JSONValue] {
        [
            "clinic_id": .string(booking.clinic.id),
            "patient_id_number": .string(booking.patient.id.value),
            "icd10_code": .string(booking.condition.code),
            "slot_date": .string(booking.date.description),
            "slot_time": .string(booking.time.description),
            "consent": Self.consent(now),
        ]
    }

    func validRegister(index: Int, now: Date) -> SampleRequest {
        let booking = sampleBooking(index: index, now: now)
        return SampleRequest(serviceID: HealthServiceID.telemedicineRegister.rawValue, payload: registerPayload(booking, now: now),
                             subject: booking.clinic.id, expectation: .valid)
    }

    func validBookingLookup(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let booking = sampleBooking(index: index, now: now)
        let payload: [String: JSONValue] = [
            "booking_code": .string(booking.expectedCode.value),
            "patient_id_number": .string(booking.patient.id.value),
            "consent": Self.consent(now),
        ]
        return SampleRequest(serviceID: serviceID, payload: payload, subject: booking.clinic.id, expectation: .valid)
    }

    /// Codes outside every eligible entry, one per ICD-10 chapter family.
    static let ineligibleCodes = ["I21.9", "C34.1", "S52.5", "F32.9", "N18.3", "A09", "H25.9", "K35.8", "O80", "G40.9", "R07.4", "J18.9"]

    func invalidRegister(index: Int, now: Date) -> SampleRequest {
        let serviceID = HealthServiceID.telemedicineRegister.rawValue
        let booking = sampleBooking(index: index, now: now)
        let clinic = booking.clinic
        var payload = registerPayload(booking, now: now)
        let round = index / 11
        let code: String
        switch index % 11 {
        case 0:
            payload["consent"] = nil
            code = HealthRejection.consentRequiredCode
        case 1:
            let unused = (1...999).lazy.map { "79" + CivilDate.pad($0, 3) }.first { service.clinics.clinic(id: $0) == nil }!
            payload["clinic_id"] = .string(unused)
            return Self.rejected(serviceID, payload, subject: unused, Self.code(.telemedicineClinicNotFound))
        case 2:
            payload["patient_id_number"] = .string(["07912345", "0791234567890", "07A123456789", "000123456789"][round % 4])
            code = Self.code(.telemedicineInvalidIDNumber)
        case 3:
            payload["patient_id_number"] = .string(service.citizens.unknownID(at: index).value)
            code = Self.code(.telemedicinePatientNotFound)
        case 4:
            payload["icd10_code"] = .string(["J3", "J31.", "31.1", "J31.123", "JJ1"][round % 5])
            code = Self.code(.telemedicineInvalidICD10Code)
        case 5:
            payload["icd10_code"] = .string(Self.ineligibleCodes[round % Self.ineligibleCodes.count])
            code = Self.code(.telemedicineReferredInPerson)
        case 6:
            let missing = service.configuration.eligibility.conditions.filter { !clinic.specialties.contains($0.specialty) }
            if missing.isEmpty {
                // Only with a custom list the clinic covers entirely: break the consent rule instead.
                payload["consent"] = nil
                code = HealthRejection.consentRequiredCode
            } else {
                payload["icd10_code"] = .string(missing[round % missing.count].code)
                code = Self.code(.telemedicineSpecialtyNotOffered)
            }
        case 7:
            payload["slot_time"] = .string(["03:00", "23:45", "12:07"][round % 3])
            code = Self.code(.telemedicineSlotNotOffered)
        case 8:
            let today = CivilDate.inHoChiMinhCity(now)
            let past = (1...7).map { today.adding(days: -$0) }.first(where: clinic.isOpen(on:))!
            payload["slot_date"] = .string(past.description)
            code = Self.code(.telemedicineSlotInPast)
        case 9:
            let today = CivilDate.inHoChiMinhCity(now)
            let first = service.configuration.bookingWindowDays + 1
            let late = (first..<(first + 7)).map { today.adding(days: $0) }.first(where: clinic.isOpen(on:))!
            payload["slot_date"] = .string(late.description)
            code = Self.code(.telemedicineSlotBeyondWindow)
        default:
            payload[["slot_time", "icd10_code", "slot_date"][round % 3]] = round % 2 == 0 ? nil : .integer(7)
            code = HealthRejection.payloadInvalidCode
        }
        return Self.rejected(serviceID, payload, subject: clinic.id, code)
    }

    func invalidBookingLookup(_ serviceID: String, index: Int, now: Date) -> SampleRequest {
        let booking = sampleBooking(index: index, now: now)
        var payload: [String: JSONValue] = [
            "booking_code": .string(booking.expectedCode.value),
            "patient_id_number": .string(booking.patient.id.value),
            "consent": Self.consent(now),
        ]
        let code: String
        switch index % 5 {
        case 0:
            payload["consent"] = .object(["purpose": "financial_data", "granted": true,
                                          "granted_at": .string(RFC3339.string(from: now.addingTimeInterval(-30)))])
            code = HealthRejection.consentRequiredCode
        case 1:
            let malformed = ["TM123", "TM79012-251399-0001", "XX79012-251015-0001"][index / 5 % 3]
            payload["booking_code"] = .string(malformed)
            // No clinic id to take from it: the station keys the raw text.
            return Self.rejected(serviceID, payload, subject: malformed, Self.code(.telemedicineInvalidBookingCode))
        case 2:
            payload["patient_id_number"] = .string("12345")
            code = Self.code(.telemedicineInvalidIDNumber)
        case 3:
            // Sequence 9999 is never reached by sample traffic.
            payload["booking_code"] = .string(BookingCode(clinicID: booking.clinic.id, slotDate: booking.date, sequence: 9999).value)
            code = Self.code(.telemedicineBookingNotFound)
        default:
            payload["booking_code"] = nil
            code = HealthRejection.payloadInvalidCode
        }
        return Self.rejected(serviceID, payload, subject: booking.clinic.id, code)
    }
}
