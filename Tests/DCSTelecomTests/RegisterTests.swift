import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSTelecom

@Suite("telecom.sim.register: online registration, 3 per ID document")
struct RegisterTests {
    @Test func registersAFreeNumberWithTheCarrierOfItsPrefix() throws {
        let (record, subscriptions) = person { _, s in s.count == 1 }
        let queue = try makeDatabase()
        let number = directory.freeNumber(at: 11)
        let requestID = UUID()
        let data = try #require(try handle(.register, identityPayload(record, phone: number.value), requestID: requestID, in: queue).data)
        #expect(data["service_id"] == "telecom.sim.register")
        #expect(data["status"] == "registered")
        #expect(data["phone_masked"] == .string(number.masked))
        #expect(data["carrier"] == .string(number.prefixCarrier.rawValue))
        #expect(data["registered_on"] == "2026-05-01")
        #expect(data["registered_count"] == 2 && data["online_registrations_remaining"] == 1)
        #expect(data["replayed"] == false)
        let line = try #require(try listedLine(record, number, in: queue))
        #expect(line["origin"] == "station_online" && line["status"] == "active")
        #expect(try listed(record, in: queue).count == subscriptions.count + 1)
        let stored = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT registration_request_id FROM telecom_line WHERE origin = 'station_online'")
        }
        #expect(stored == requestID.uuidString.lowercased())
    }

    @Test func registeringTheSameNumberAgainReplays() throws {
        let (record, _) = person { _, s in s.count == 2 }
        let queue = try makeDatabase()
        let number = directory.freeNumber(at: 12)
        let first = try #require(try handle(.register, identityPayload(record, phone: number.value), in: queue).data)
        let second = try #require(try handle(.register, identityPayload(record, phone: "+84" + number.value.dropFirst()),
                                             now: testNow + days(1), in: queue).data)
        #expect(first["replayed"] == false && second["replayed"] == true)
        #expect(second["registered_on"] == "2026-05-01", "the first registration's date")
        #expect(second["registered_count"] == 3)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_line WHERE origin = 'station_online'") } == 1)
        // The primary key is the last line of defence against a second row for the number.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO telecom_line (phone_key, id_key, phone_masked, carrier, origin, registered_on, status, registration_request_id)
                    VALUES (?, ?, ?, 'viettel', 'station_online', '2026-05-01', 'active', 'other')
                    """, arguments: [testService.phoneKey(number), testService.idKey(record.id), number.masked])
            }
        }
    }

    @Test func theFourthNumberIsReferredToACarrierStore() throws {
        let (record, _) = person { _, s in s.isEmpty }
        let queue = try makeDatabase()
        for index in 0..<3 {
            let data = try handle(.register, identityPayload(record, phone: directory.freeNumber(at: 100 + index).value), in: queue).data
            #expect(data?["registered_count"] == .integer(Int64(index + 1)))
        }
        let fourth = directory.freeNumber(at: 103)
        let refused = try handle(.register, identityPayload(record, phone: fourth.value), in: queue)
        #expect(refused.code == Code.onlineLimitReached.rawValue)
        let details = try #require(refused.rejection?.details)
        #expect(details["registered_count"] == 3 && details["online_limit"] == 3)
        #expect(details["referral"] == "carrier_store")
        #expect(details["carrier"] == .string(fourth.prefixCarrier.rawValue))
        #expect(refused.rejection?.messageVi.contains("Nghị định 163/2024") == true)

        // Disowned numbers are counted out: disowning one frees a slot.
        let disowned = try handle(.disown, disownPayload(record, directory.freeNumber(at: 100)), in: queue)
        #expect(disowned.data?["online_registrations_remaining"] == 1)
        #expect(try handle(.register, identityPayload(record, phone: fourth.value), in: queue).data?["registered_count"] == 3)
    }

    @Test func carrierRecordsCountAgainstTheLimit() throws {
        let (record, subscriptions) = person { _, s in s.count == 4 }
        let queue = try makeDatabase()
        let refused = try handle(.register, identityPayload(record, phone: directory.freeNumber(at: 21).value), in: queue)
        #expect(refused.code == Code.onlineLimitReached.rawValue)
        #expect(refused.rejection?.details?["registered_count"] == 4)
        // Two disowned: 2 left, one slot.
        for subscription in subscriptions.prefix(2) {
            #expect(try handle(.disown, disownPayload(record, subscription.phone), in: queue).data != nil)
        }
        #expect(try handle(.register, identityPayload(record, phone: directory.freeNumber(at: 21).value), in: queue).data != nil)
    }

    @Test func terminatedNumbersAreCountedOut() throws {
        let (record, subscriptions) = person { _, s in s.count == 3 }
        let queue = try makeDatabase()
        _ = try handle(.identify, identityPayload(record, phone: subscriptions[0].phone.value, score: 2), in: queue)
        let number = directory.freeNumber(at: 31)
        #expect(try handle(.register, identityPayload(record, phone: number.value), now: testNow + days(34), in: queue).code
                == Code.onlineLimitReached.rawValue, "a suspended number still counts")
        let data = try handle(.register, identityPayload(record, phone: number.value), now: testNow + days(35), in: queue).data
        #expect(data?["registered_count"] == 3)
    }

    @Test func theLimitIsConfigurable() throws {
        let one = TelecomService(configuration: TelecomConfiguration(onlineRegistrationLimit: 1))
        let (record, _) = person { _, s in s.isEmpty }
        let queue = try makeDatabase()
        #expect(try handle(.register, identityPayload(record, phone: directory.freeNumber(at: 41).value), with: one, in: queue).data != nil)
        #expect(try handle(.register, identityPayload(record, phone: directory.freeNumber(at: 42).value), with: one, in: queue).code
                == Code.onlineLimitReached.rawValue)
    }

    @Test func aNumberInUseCannotBeRegistered() throws {
        let (record, subscriptions) = person { _, s in s.count == 1 }
        let queue = try makeDatabase()
        // Allocated by a carrier to somebody.
        let taken = directory.allocatedNumber(at: 5)
        #expect(try handle(.register, identityPayload(record, phone: taken.value), in: queue).code == Code.numberInUse.rawValue)
        // Registered here by another citizen.
        let other = person(from: 900) { r, s in s.isEmpty && r.id != record.id }.record
        let number = directory.freeNumber(at: 51)
        #expect(try handle(.register, identityPayload(other, phone: number.value), in: queue).data != nil)
        #expect(try handle(.register, identityPayload(record, phone: number.value), in: queue).code == Code.numberInUse.rawValue)
        // Disowned by this citizen: back with the carrier, not theirs to take again online.
        #expect(try handle(.disown, disownPayload(record, subscriptions[0].phone), in: queue).data != nil)
        #expect(try handle(.register, identityPayload(record, phone: subscriptions[0].phone.value), in: queue).code == Code.numberInUse.rawValue)
    }

    @Test func aNumberAlreadyRegisteredToTheIDAtTheCarrier() throws {
        let (record, subscriptions) = person { _, s in s.count == 2 }
        let queue = try makeDatabase()
        let result = try handle(.register, identityPayload(record, phone: subscriptions[1].phone.value), in: queue)
        #expect(result.code == Code.alreadyRegistered.rawValue)
    }

    @Test(arguments: [
        (name: true, birth: false, score: Int64(90), fields: ["full_name"]),
        (name: false, birth: true, score: Int64(90), fields: ["birth_date"]),
        (name: false, birth: false, score: Int64(79), fields: ["face"]),
    ])
    func theFourFieldsMustMatch(name: Bool, birth: Bool, score: Int64, fields: [String]) throws {
        let (record, _) = person { _, s in s.isEmpty }
        let queue = try makeDatabase()
        let payload = identityPayload(record, phone: directory.freeNumber(at: 61).value,
                                      name: name ? SyntheticCarrierDirectory.withoutDiacritics(record.fullName) + " X" : nil,
                                      birthDate: birth ? record.birthDate.adding(days: 365).description : nil, score: score)
        let result = try handle(.register, payload, in: queue)
        #expect(result.code == Code.identityMismatch.rawValue)
        #expect(result.rejection?.details?["mismatched_fields"] == .array(fields.map { .string($0) }))
        // A refused registration opens no suspension case and stores nothing about the attempt.
        let counts = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_suspension_case")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_verification")!)
        }
        #expect(counts == (0, 0))
    }

    @Test func childrenRegisterThroughAGuardian() throws {
        let today = CivilDate.inHoChiMinhCity(testNow)
        let child = traffic.person(from: 0) { r, _ in CitizenID.age(born: r.birthDate, on: today) == 13 }.record
        let queue = try makeDatabase()
        let result = try handle(.register, identityPayload(child, phone: directory.freeNumber(at: 71).value), in: queue)
        #expect(result.code == Code.underAge.rawValue)
        #expect(result.rejection?.details?["minimum_age"] == 14)
        // On the 14th birthday it works.
        let birthday = CivilDate(year: child.birthDate.year + 14, month: child.birthDate.month, day: child.birthDate.day)
            ?? child.birthDate.adding(days: 1)  // 29 Feb
        let then = birthday.startInHoChiMinhCity.addingTimeInterval(hours(9))
        var payload = identityPayload(child, phone: directory.freeNumber(at: 71).value)
        payload["consent"] = consent(then)
        #expect(try handle(.register, payload, now: then, in: queue).data?["status"] == "registered")
    }

    @Test func registrationRequiresBiometricConsent() throws {
        let (record, _) = person { _, s in s.isEmpty }
        let queue = try makeDatabase()
        var payload = identityPayload(record, phone: directory.freeNumber(at: 81).value)
        payload["consent"] = consent(granted: false)
        #expect(try handle(.register, payload, in: queue).code == Code.consentRequired.rawValue)
        payload.removeValue(forKey: "face_match_score")
        #expect(try handle(.register, payload, in: queue).code == Code.payloadInvalid.rawValue)
    }

    @Test func registerFormatRejections() throws {
        let (record, _) = person { _, s in s.isEmpty }
        let queue = try makeDatabase()
        var payload = identityPayload(record, phone: "0561234")
        #expect(try handle(.register, payload, in: queue).code == Code.invalidPhoneNumber.rawValue)
        payload["phone_number"] = "0501234567"
        #expect(try handle(.register, payload, in: queue).code == Code.unknownPrefix.rawValue)
        payload = identityPayload(record, phone: directory.freeNumber(at: 91).value)
        payload["id_number"] = "0792000"
        #expect(try handle(.register, payload, in: queue).code == Code.invalidIDNumber.rawValue)
        payload["id_number"] = .string(registry.unknownID(at: 9).value)
        #expect(try handle(.register, payload, in: queue).code == Code.citizenNotFound.rawValue)
    }
}
