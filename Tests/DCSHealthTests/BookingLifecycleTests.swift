import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSHealth

@Suite("Telemedicine booking state machine")
struct BookingLifecycleTests {
    let slot = SlotChoice()

    func lookup(_ code: JSONValue, _ person: CitizenRecord = patient(0)) -> [String: JSONValue] {
        ["booking_code": code, "patient_id_number": .string(person.id.value), "consent": consent()]
    }

    func storedStatus(_ queue: DatabaseQueue) throws -> String? {
        try queue.read { try String.fetchOne($0, sql: "SELECT status FROM health_booking") }
    }

    @Test func onlyTheDocumentedStepsAreLegal() {
        let legal: Set<[BookingStatus]> = [
            [.requested, .confirmed], [.requested, .cancelled], [.confirmed, .inSession], [.confirmed, .cancelled],
            [.inSession, .completed], [.inSession, .noShow],
        ]
        for from in BookingStatus.allCases {
            for to in BookingStatus.allCases {
                #expect(from.canTransition(to: to) == legal.contains([from, to]), "\(from) -> \(to)")
            }
        }
        #expect(BookingStatus.allCases.filter(\.isTerminal) == [.completed, .noShow, .cancelled])
        #expect(BookingStatus.allCases.filter(\.isCancellable) == [.requested, .confirmed])
    }

    @Test(arguments: [(0, "completed"), (100, "no_show")])
    func timeMovesABookingThroughItsStates(noShowPercent: Int, ending: String) throws {
        let service = HealthService(configuration: HealthConfiguration(noShowPercent: noShowPercent))
        let queue = try makeDatabase()
        let code = try #require(try run(register, slot.payload(patient(0)), service: service, in: queue).data?["booking_code"])
        let start = slot.clinic.start(of: slot.date, slot.time)
        let end = slot.clinic.end(of: slot.date, slot.time)
        let steps: [(Date, String, Bool)] = [
            (fixedNow.addingTimeInterval(5 * 60), "requested", true),
            (fixedNow.addingTimeInterval(10 * 60), "confirmed", true),
            (start.addingTimeInterval(-1), "confirmed", true),
            (start, "in_session", false),
            (end.addingTimeInterval(-1), "in_session", false),
            (end, ending, false),
            (end.addingTimeInterval(86_400), ending, false),
        ]
        for (now, expected, cancellable) in steps {
            let data = try #require(try run(statusID, lookup(code), now: now, service: service, in: queue).data)
            #expect(data["status"] == .string(expected))
            #expect(data["cancellable"] == .bool(cancellable))
            #expect(try storedStatus(queue) == expected, "the look-up saves the state it found")
        }
        let changed = try queue.read { try String.fetchOne($0, sql: "SELECT status_changed_at FROM health_booking") }
        #expect(changed == RFC3339.string(from: end))
    }

    @Test func aLateFirstLookUpWalksEveryStepAtOnce() throws {
        let queue = try makeDatabase()
        let code = try #require(try run(register, slot.payload(patient(0)), in: queue).data?["booking_code"])
        let after = slot.clinic.end(of: slot.date, slot.time).addingTimeInterval(3600)
        let data = try #require(try run(statusID, lookup(code), now: after, in: queue).data)
        let expected = testService.attends(try #require(BookingCode(parsing: code.stringValue!))) ? "completed" : "no_show"
        #expect(data["status"] == .string(expected))
    }

    @Test func confirmationNeverWaitsPastTheSlotStart() {
        let clinic = slot.clinic
        let start = clinic.start(of: slot.date, slot.time)
        let booking = Booking(code: BookingCode(clinicID: clinic.id, slotDate: slot.date, sequence: 1), slotTime: slot.time, seat: 1,
                              patientKey: String(repeating: "a", count: 64), conditionKey: String(repeating: "b", count: 64),
                              specialty: .ent, status: .requested, createdAt: start.addingTimeInterval(-120))
        // Created two minutes before its start with an hour's confirmation delay: still
        // `requested` just before the start, then confirmed and in session at the start.
        #expect(booking.progressed(at: start.addingTimeInterval(-1), clinic: clinic, confirmationDelay: 3600, attends: true).status == .requested)
        let atStart = booking.progressed(at: start, clinic: clinic, confirmationDelay: 3600, attends: true)
        #expect(atStart.status == .inSession)
        #expect(atStart.statusChangedAt == start)
    }

    @Test func cancellingBeforeTheSessionAndNeverTwice() throws {
        let queue = try makeDatabase()
        let code = try #require(try run(register, slot.payload(patient(0)), in: queue).data?["booking_code"])
        // Still `requested` (2 minutes in): cancellable.
        let later = fixedNow.addingTimeInterval(120)
        let cancelled = try #require(try run(cancelID, lookup(code), now: later, in: queue).data)
        #expect(cancelled["service_id"] == "health.telemedicine.cancel")
        #expect(cancelled["status"] == "cancelled")
        #expect(cancelled["cancelled_at"] == .string(RFC3339.string(from: later)))
        #expect(cancelled["cancellable"] == false)
        let again = try #require(try run(cancelID, lookup(code), now: later.addingTimeInterval(60), in: queue).rejection)
        #expect(again.code == "health.telemedicine.already_cancelled")
        // Time does not revive a cancelled booking.
        let after = slot.clinic.end(of: slot.date, slot.time).addingTimeInterval(60)
        #expect(try run(statusID, lookup(code), now: after, in: queue).data?["status"] == "cancelled")
        let row = try queue.read { try Row.fetchOne($0, sql: "SELECT status, cancelled_at FROM health_booking") }
        #expect(row?["status"] == "cancelled")
        #expect(row?["cancelled_at"] == RFC3339.string(from: later))
    }

    @Test func aConfirmedBookingCanBeCancelledUntilTheSessionStarts() throws {
        let queue = try makeDatabase()
        let code = try #require(try run(register, slot.payload(patient(0)), in: queue).data?["booking_code"])
        let start = slot.clinic.start(of: slot.date, slot.time)
        #expect(try run(statusID, lookup(code), now: fixedNow.addingTimeInterval(3600), in: queue).data?["status"] == "confirmed")
        #expect(try run(cancelID, lookup(code), now: start.addingTimeInterval(-1), in: queue).data?["status"] == "cancelled")
    }

    @Test func cancellingAfterTheSessionStartIsRefused() throws {
        let queue = try makeDatabase()
        let code = try #require(try run(register, slot.payload(patient(0)), in: queue).data?["booking_code"])
        let start = slot.clinic.start(of: slot.date, slot.time)
        let during = try #require(try run(cancelID, lookup(code), now: start.addingTimeInterval(60), in: queue).rejection)
        #expect(during.code == "health.telemedicine.cancel_too_late")
        #expect(during.details?["status"] == "in_session")
        // The state found on the way is kept (the rejection commits with the runtime's record).
        #expect(try storedStatus(queue) == "in_session")
        let end = slot.clinic.end(of: slot.date, slot.time)
        let afterwards = try #require(try run(cancelID, lookup(code), now: end.addingTimeInterval(60), in: queue).rejection)
        #expect(afterwards.code == "health.telemedicine.cancel_too_late")
    }

    @Test func aBookingIsOnlyShownToItsPatient() throws {
        let queue = try makeDatabase()
        let code = try #require(try run(register, slot.payload(patient(0)), in: queue).data?["booking_code"])
        #expect(try run(statusID, lookup(code, patient(1)), in: queue).code == "health.telemedicine.booking_not_found")
        #expect(try run(cancelID, lookup(code, patient(1)), in: queue).code == "health.telemedicine.booking_not_found")
        let data = try #require(try run(statusID, lookup(code), in: queue).data)
        #expect(data["patient_id_masked"] == .string(patient(0).id.masked))
        #expect(data["icd10_code"] == nil, "a look-up does not echo the condition")
        // Unknown sequence, unknown clinic.
        let unknown = BookingCode(clinicID: slot.clinic.id, slotDate: slot.date, sequence: 9999).value
        #expect(try run(statusID, lookup(.string(unknown)), in: queue).code == "health.telemedicine.booking_not_found")
        let noClinic = (1...999).map { "79" + CivilDate.pad($0, 3) }.first { testService.clinics.clinic(id: $0) == nil }!
        let ghost = BookingCode(clinicID: noClinic, slotDate: slot.date, sequence: 1).value
        #expect(try run(statusID, lookup(.string(ghost)), in: queue).code == "health.telemedicine.booking_not_found")
    }

    @Test(arguments: [statusID, cancelID])
    func malformedLookUps(_ serviceID: String) throws {
        let queue = try makeDatabase()
        for bad in ["TM123", "TM79012-251399-0001", "XX79012-251015-0001", "TM79012-251015-0000"] {
            #expect(try run(serviceID, lookup(.string(bad)), in: queue).code == "health.telemedicine.invalid_booking_code", "\(bad)")
        }
        var payload = lookup("TM79012-251015-0001")
        payload["patient_id_number"] = "0791"
        #expect(try run(serviceID, payload, in: queue).code == "health.telemedicine.invalid_id_number")
        payload["patient_id_number"] = nil
        #expect(try run(serviceID, payload, in: queue).code == "health.payload_invalid")
        payload = lookup("TM79012-251015-0001")
        payload["consent"] = nil
        #expect(try run(serviceID, payload, in: queue).code == "health.consent_required")
    }

    @Test func bookingCodesRoundTrip() throws {
        let code = BookingCode(clinicID: "79012", slotDate: CivilDate(year: 2025, month: 10, day: 16)!, sequence: 7)
        #expect(code.value == "TM79012-251016-0007")
        #expect(BookingCode(parsing: " tm79012-251016-0007 ") == code)
        #expect(BookingCode(parsing: "TM79012-250230-0001") == nil, "30 February")
    }

    @Test func attendanceIsDeterministicAndNearTheConfiguredShare() {
        let codes = (1...2000).map { BookingCode(clinicID: "79012", slotDate: fixedToday, sequence: $0 % 9999 + 1) }
        let first = codes.map(testService.attends)
        #expect(first == codes.map(HealthService().attends), "same seed, same story")
        let noShows = first.filter { !$0 }.count
        #expect((100...300).contains(noShows), "about 10% of 2000: \(noShows)")
    }
}
