import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSHealth

/// A clinic, an open day and slot, and an eligible condition it examines.
struct SlotChoice {
    let clinic: Clinic
    let date: CivilDate
    let time: TimeOfDay
    let condition: TelemedicineCondition

    init(clinic: Clinic = testService.clinics.clinics[0], dayOffset: Int = 1, slot: Int = 0) {
        self.clinic = clinic
        self.date = (dayOffset...(dayOffset + 7)).map { fixedToday.adding(days: $0) }.first(where: clinic.isOpen(on:))!
        self.time = clinic.slotTimes[slot]
        self.condition = testService.configuration.eligibility.conditions.first { clinic.specialties.contains($0.specialty) }!
    }

    func payload(_ patient: CitizenRecord, icd: String? = nil, date: CivilDate? = nil, time: String? = nil) -> [String: JSONValue] {
        [
            "clinic_id": .string(clinic.id),
            "patient_id_number": .string(patient.id.value),
            "icd10_code": .string(icd ?? condition.code),
            "slot_date": .string((date ?? self.date).description),
            "slot_time": .string(time ?? self.time.description),
            "consent": consent(),
        ]
    }

    var yymmdd: String { CivilDate.pad(date.year % 100, 2) + CivilDate.pad(date.month, 2) + CivilDate.pad(date.day, 2) }
}

let register = HealthServiceID.telemedicineRegister.rawValue
let cancelID = HealthServiceID.telemedicineCancel.rawValue
let statusID = HealthServiceID.telemedicineStatus.rawValue
func patient(_ i: Int) -> CitizenRecord { testService.citizens.citizen(at: 7_000 + i) }

@Suite("Telemedicine registration rules")
struct TelemedicineRegisterTests {
    let slot = SlotChoice()

    @Test func registersAnEligibleConditionAsRequested() throws {
        let queue = try makeDatabase()
        let data = try #require(try run(register, slot.payload(patient(0)), in: queue).data)
        #expect(data["service_id"] == "health.telemedicine.register")
        #expect(data["booking_code"] == .string("TM\(slot.clinic.id)-\(slot.yymmdd)-0001"))
        #expect(data["status"] == "requested")
        #expect(data["icd10_code"] == .string(slot.condition.code))
        #expect(data["specialty"] == .string(slot.condition.specialty.rawValue))
        #expect(data["patient_id_masked"] == .string(patient(0).id.masked))
        #expect(data["clinic"]?["clinic_id"] == .string(slot.clinic.id))
        #expect(data["slot"]?["date"] == .string(slot.date.description))
        #expect(data["slot"]?["time"] == .string(slot.time.description))
        #expect(data["slot"]?["starts_at"] == .string(RFC3339.string(from: slot.clinic.start(of: slot.date, slot.time))))
        #expect(data["replayed"] == false)
        #expect(data["cancellable"] == true)
        // The second booking of the clinic that day takes the next sequence number.
        let second = try #require(try run(register, slot.payload(patient(1)), in: queue).data)
        #expect(second["booking_code"] == .string("TM\(slot.clinic.id)-\(slot.yymmdd)-0002"))
    }

    @Test func subcodesOfAListedCategoryAndLowerCaseAreAccepted() throws {
        let queue = try makeDatabase()
        let clinic = try #require(testService.clinics.clinics.first { $0.specialties.contains(.endocrinology) })
        let choice = SlotChoice(clinic: clinic)
        let data = try #require(try run(register, choice.payload(patient(0), icd: " e66.09 "), in: queue).data)
        #expect(data["icd10_code"] == "E66.09")
        #expect(data["condition_en"] == "Obesity")
    }

    @Test(arguments: [
        ("missing", JSONValue.null), ("refused", consent(granted: false)), ("other purpose", consent(purpose: "biometric_data")),
        ("not an object", JSONValue.string("yes")),
    ])
    func needsExplicitHealthDataConsent(_ label: String, _ value: JSONValue) throws {
        let queue = try makeDatabase()
        var payload = slot.payload(patient(0))
        payload["consent"] = value
        let outcome = try run(register, payload, in: queue)
        #expect(outcome.code == (label == "not an object" ? "health.payload_invalid" : "health.consent_required"), "\(label)")
    }

    @Test func consentGivenAfterSubmissionDoesNotCount() throws {
        let queue = try makeDatabase()
        var payload = slot.payload(patient(0))
        payload["consent"] = consent(fixedNow.addingTimeInterval(600))
        #expect(try run(register, payload, in: queue).code == "health.consent_required")
    }

    @Test(arguments: ["slot_time", "slot_date", "icd10_code", "clinic_id", "patient_id_number"])
    func missingFieldsArePayloadInvalid(_ field: String) throws {
        let queue = try makeDatabase()
        var payload = slot.payload(patient(0))
        payload[field] = nil
        #expect(try run(register, payload, in: queue).code == "health.payload_invalid")
        payload[field] = 42
        #expect(try run(register, payload, in: queue).code == "health.payload_invalid")
    }

    @Test func malformedTimeOrDateIsPayloadInvalid() throws {
        let queue = try makeDatabase()
        #expect(try run(register, slot.payload(patient(0), time: "9h30"), in: queue).code == "health.payload_invalid")
        var payload = slot.payload(patient(0))
        payload["slot_date"] = "15/10/2025"
        #expect(try run(register, payload, in: queue).code == "health.payload_invalid")
    }

    @Test func unknownServiceIsRejected() throws {
        let queue = try makeDatabase()
        #expect(try run("health.telemedicine.teleport", slot.payload(patient(0)), in: queue).code == "health.service_unknown")
    }

    @Test(arguments: ["ABCDE", "7901", "80001"])
    func unknownClinic(_ id: String) throws {
        let queue = try makeDatabase()
        var payload = slot.payload(patient(0))
        payload["clinic_id"] = .string(id)
        #expect(try run(register, payload, in: queue).code == "health.telemedicine.clinic_not_found")
        let unused = (1...999).map { "79" + CivilDate.pad($0, 3) }.first { testService.clinics.clinic(id: $0) == nil }!
        payload["clinic_id"] = .string(unused)
        #expect(try run(register, payload, in: queue).code == "health.telemedicine.clinic_not_found")
    }

    @Test(arguments: ["12345", "000123456789", "07912345678X", ""])
    func malformedPatientID(_ raw: String) throws {
        let queue = try makeDatabase()
        var payload = slot.payload(patient(0))
        payload["patient_id_number"] = .string(raw)
        let expected = raw.isEmpty ? "health.payload_invalid" : "health.telemedicine.invalid_id_number"
        #expect(try run(register, payload, in: queue).code == expected)
    }

    @Test func unknownPatient() throws {
        let queue = try makeDatabase()
        var payload = slot.payload(patient(0))
        payload["patient_id_number"] = .string(testService.citizens.unknownID(at: 3).value)
        let rejection = try #require(try run(register, payload, in: queue).rejection)
        #expect(rejection.code == "health.telemedicine.patient_not_found")
        #expect(rejection.messageVi.contains("người bệnh"))
        #expect(!rejection.messageVi.contains(testService.citizens.unknownID(at: 3).value))
    }

    @Test(arguments: ["J3", "J31.", "31.1", "J31.123", "JJ1", "J3I"])
    func malformedICD10Code(_ raw: String) throws {
        let queue = try makeDatabase()
        #expect(try run(register, slot.payload(patient(0), icd: raw), in: queue).code == "health.telemedicine.invalid_icd10_code")
    }

    @Test(arguments: [
        ("I21.9", Specialty.cardiology, true), ("K35.8", .gastroenterology, false), ("J31.2", .ent, false),
        ("J31", .ent, false), ("S52.5", .traumaOrthopaedics, true), ("H25.9", .ophthalmology, false), ("J18.9", .respiratory, false),
    ])
    func ineligibleConditionsAreReferredInPerson(_ code: String, _ specialty: Specialty, _ urgent: Bool) throws {
        let queue = try makeDatabase()
        let rejection = try #require(try run(register, slot.payload(patient(0), icd: code), in: queue).rejection)
        #expect(rejection.code == "health.telemedicine.referred_in_person")
        let details = JSONValue.object(try #require(rejection.details))
        #expect(details["icd10_code"] == .string(code))
        #expect(details.at("referral", "mode") == "in_person")
        #expect(details.at("referral", "specialty") == .string(specialty.rawValue))
        #expect(details.at("referral", "urgent") == .bool(urgent))
        #expect(details.at("referral", "advice_vi")?.stringValue?.contains(specialty.vietnameseName) == true)
        #expect(rejection.messageVi.contains("Thông tư 30/2023/TT-BYT"))
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM health_booking") } == 0)
    }

    @Test func specialtyTheClinicDoesNotOffer() throws {
        let queue = try makeDatabase()
        let missing = try #require(testService.configuration.eligibility.conditions.first { !slot.clinic.specialties.contains($0.specialty) })
        let rejection = try #require(try run(register, slot.payload(patient(0), icd: missing.code), in: queue).rejection)
        #expect(rejection.code == "health.telemedicine.specialty_not_offered")
        #expect(rejection.details?["clinic_specialties"] == .array(slot.clinic.specialties.map { .string($0.rawValue) }))
    }

    @Test func slotsTheClinicDoesNotHold() throws {
        let queue = try makeDatabase()
        let sunday = (1...7).map { fixedToday.adding(days: $0) }.first { $0.isoWeekday == 7 }!
        let closed = try run(register, slot.payload(patient(0), date: sunday), in: queue).rejection
        #expect(closed?.code == "health.telemedicine.slot_not_offered")
        #expect(closed?.messageEn.contains("no remote sessions") == true)
        let offTime = TimeOfDay(minutes: slot.time.minutes + 5)
        let odd = try run(register, slot.payload(patient(0), time: offTime.description), in: queue).rejection
        #expect(odd?.code == "health.telemedicine.slot_not_offered")
        #expect(odd?.details?["slot_times"] == .array(slot.clinic.slotTimes.map { .string($0.description) }))
    }

    @Test func slotsInThePastOrTooSoon() throws {
        let queue = try makeDatabase()
        let clinic = try #require(testService.clinics.clinics.first { $0.isOpen(on: fixedToday) })
        let choice = SlotChoice(clinic: clinic, dayOffset: 0)
        #expect(choice.date == fixedToday)
        let start = clinic.start(of: fixedToday, choice.time)
        // Already started, then 30 minutes before (inside the 60-minute lead), then exactly 60 minutes before.
        func attempt(at now: Date) throws -> Outcome {
            var payload = choice.payload(patient(0))
            payload["consent"] = consent(now)
            return try run(register, payload, now: now, in: queue)
        }
        #expect(try attempt(at: start.addingTimeInterval(60)).code == "health.telemedicine.slot_in_past")
        #expect(try attempt(at: start.addingTimeInterval(-1800)).code == "health.telemedicine.slot_in_past")
        #expect(try attempt(at: start.addingTimeInterval(-3600)).data != nil)
        let yesterday = (1...7).map { fixedToday.adding(days: -$0) }.first(where: clinic.isOpen(on:))!
        #expect(try run(register, choice.payload(patient(1), date: yesterday), in: queue).code == "health.telemedicine.slot_in_past")
    }

    @Test func theBookingWindowIsFourteenDays() throws {
        let queue = try makeDatabase()
        // 29 Oct 2025 (today + 14) is a Wednesday: open everywhere; 30 Oct is one day too far.
        let last = fixedToday.adding(days: 14)
        #expect(try run(register, slot.payload(patient(0), date: last), in: queue).data != nil)
        let rejection = try run(register, slot.payload(patient(1), date: last.adding(days: 1)), in: queue).rejection
        #expect(rejection?.code == "health.telemedicine.slot_beyond_window")
        #expect(rejection?.details?["last_bookable_date"] == .string(last.description))
        // Configurable.
        let short = HealthService(configuration: HealthConfiguration(bookingWindowDays: 3))
        #expect(try run(register, slot.payload(patient(2), date: fixedToday.adding(days: 6)), service: short, in: queue).code
            == "health.telemedicine.slot_beyond_window")
    }

    @Test func oneLiveBookingPerPatientPerClinicPerDay() throws {
        let queue = try makeDatabase()
        let first = try #require(try run(register, slot.payload(patient(0)), in: queue).data)
        let other = slot.clinic.slotTimes[1].description
        let duplicate = try #require(try run(register, slot.payload(patient(0), time: other), in: queue).rejection)
        #expect(duplicate.code == "health.telemedicine.duplicate_booking")
        #expect(duplicate.details?["existing_booking_code"] == first["booking_code"])
        // Another day at the same clinic, or another clinic the same day, is fine.
        #expect(try run(register, slot.payload(patient(0), date: slot.date.adding(days: 7)), in: queue).data != nil)
        let otherClinic = SlotChoice(clinic: testService.clinics.clinics[1])
        #expect(try run(register, otherClinic.payload(patient(0), date: slot.date), in: queue).data != nil)
        // Once cancelled, the day is free again.
        let payload: [String: JSONValue] = ["booking_code": first["booking_code"]!, "patient_id_number": .string(patient(0).id.value), "consent": consent()]
        #expect(try run(cancelID, payload, in: queue).data != nil)
        #expect(try run(register, slot.payload(patient(0), time: other), in: queue).data?["booking_code"]
            == .string("TM\(slot.clinic.id)-\(slot.yymmdd)-0002"))
    }

    @Test func theSameBookingSubmittedAgainIsAnsweredNotDuplicated() throws {
        let queue = try makeDatabase()
        let first = try #require(try run(register, slot.payload(patient(0)), in: queue).data)
        let again = try #require(try run(register, slot.payload(patient(0)), now: fixedNow.addingTimeInterval(60), in: queue).data)
        #expect(again["booking_code"] == first["booking_code"])
        #expect(again["replayed"] == true)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM health_booking") } == 1)
        // A different condition for the same slot is a second booking attempt, not a replay.
        let other = try #require(testService.configuration.eligibility.conditions.first {
            slot.clinic.specialties.contains($0.specialty) && $0 != slot.condition })
        #expect(try run(register, slot.payload(patient(0), icd: other.code), in: queue).code == "health.telemedicine.duplicate_booking")
    }

    @Test func aFullSlotOffersTheNextFreeOnes() throws {
        let queue = try makeDatabase()
        let clinic = slot.clinic
        var codes: [JSONValue] = []
        for i in 0..<clinic.capacityPerSlot {
            codes.append(try #require(try run(register, slot.payload(patient(i)), in: queue).data?["booking_code"]))
        }
        let full = try #require(try run(register, slot.payload(patient(50)), in: queue).rejection)
        #expect(full.code == "health.telemedicine.slot_full")
        guard case .array(let free)? = full.details?["next_free_slots"] else { Issue.record("no next_free_slots"); return }
        #expect(free.count == 3)
        #expect(free.first == .object(["date": .string(slot.date.description), "time": .string(clinic.slotTimes[1].description)]))
        // Cancelling one booking frees its seat.
        let payload: [String: JSONValue] = ["booking_code": codes[0], "patient_id_number": .string(patient(0).id.value), "consent": consent()]
        #expect(try run(cancelID, payload, in: queue).data?["status"] == "cancelled")
        #expect(try run(register, slot.payload(patient(50)), in: queue).data != nil)
        #expect(try run(register, slot.payload(patient(51)), in: queue).code == "health.telemedicine.slot_full")
    }

    @Test func seatsAreGuardedByTheSchemaToo() throws {
        let queue = try makeDatabase()
        _ = try #require(try run(register, slot.payload(patient(0)), in: queue).data)
        // A second live row for the same patient, clinic and day breaks a UNIQUE index.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO health_booking (code, clinic_id, slot_date, slot_time, sequence, seat, capacity, patient_key,
                        condition_key, specialty, status, request_id, created_at, status_changed_at)
                    SELECT 'TM' || clinic_id || '-' || substr(code, 9, 6) || '-0099', clinic_id, slot_date, slot_time, 99, seat + 1, 9,
                        patient_key, condition_key, specialty, 'requested', 'x', created_at, created_at FROM health_booking
                    """)
            }
        }
    }
}
