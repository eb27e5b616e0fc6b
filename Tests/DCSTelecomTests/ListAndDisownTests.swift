import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSTelecom

@Suite("telecom.sim.list and telecom.sim.disown")
struct ListAndDisownTests {
    @Test func listShowsTheCarriersRecordsMasked() throws {
        let (record, subscriptions) = person { _, s in s.count == 4 }
        let queue = try makeDatabase()
        let spaced = record.id.value.prefix(4) + " " + record.id.value.dropFirst(4).prefix(4) + "." + record.id.value.suffix(4)
        var payload = listPayload(record)
        payload["id_number"] = .string(String(spaced))
        let data = try #require(try handle(.list, payload, in: queue).data)
        #expect(data["service_id"] == "telecom.sim.list")
        #expect(data["id_number_masked"] == .string(record.id.masked))
        #expect(data["total_count"] == 4 && data["registered_count"] == 4)
        #expect(data["online_registration_limit"] == 3 && data["online_registrations_remaining"] == 0)
        let numbers = (data["numbers"]?.arrayValue ?? []).compactMap { $0.objectValue }
        #expect(numbers.count == 4)
        #expect(Set(numbers.compactMap { $0["phone_masked"]?.stringValue }) == Set(subscriptions.map(\.phone.masked)))
        #expect(subscriptions[0].phone == record.phone, "the VNeID phone is among them")
        for subscription in subscriptions {
            let line = try #require(numbers.first { $0["phone_masked"] == .string(subscription.phone.masked) })
            #expect(line["carrier"] == .string(subscription.carrier.rawValue))
            #expect(line["carrier_name"] == .string(subscription.carrier.displayName))
            #expect(line["status"] == "active")
            #expect(line["origin"] == "carrier_record")
            #expect(line["registered_on"] == .string(subscription.registeredOn.description))
            #expect(line["outdated_fields"] == .array(subscription.outdatedFields.map { .string($0.rawValue) }))
        }
        // Oldest registration first.
        let dates = numbers.compactMap { $0["registered_on"]?.stringValue }
        #expect(dates == dates.sorted())
        // Listing twice materialises once.
        _ = try handle(.list, listPayload(record), in: queue)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_line") } == 4)
    }

    @Test func aCitizenWithoutNumbersGetsAnEmptyList() throws {
        let (record, _) = traffic.person(from: 0) { _, s in s.isEmpty }
        let queue = try makeDatabase()
        let data = try #require(try handle(.list, listPayload(record), in: queue).data)
        #expect(data["numbers"] == [])
        #expect(data["registered_count"] == 0 && data["online_registrations_remaining"] == 3)
    }

    @Test func listRejections() throws {
        let (record, _) = person { _, s in !s.isEmpty }
        let queue = try makeDatabase()
        func list(id: String?) throws -> String? {
            var payload = listPayload(record)
            if let id { payload["id_number"] = .string(id) } else { payload.removeValue(forKey: "id_number") }
            return try handle(.list, payload, in: queue).code
        }
        #expect(try handle(.list, [:], in: queue).code == Code.payloadInvalid.rawValue)
        #expect(try list(id: nil) == Code.payloadInvalid.rawValue)
        #expect(try list(id: "0791") == Code.invalidIDNumber.rawValue)
        #expect(try list(id: "999100012345") == Code.invalidIDNumber.rawValue)
        #expect(try list(id: registry.unknownID(at: 0).value) == Code.citizenNotFound.rawValue)
        // An ID number alone is no longer enough.
        #expect(try handle(.list, ["id_number": .string(record.id.value)], in: queue).code == Code.payloadInvalid.rawValue)
        #expect(try snapshot(queue).isEmpty)
    }

    @Test func disownMarksTheNumberAndFreesAnOnlineSlot() throws {
        let (record, subscriptions) = person { _, s in s.count == 3 }
        let queue = try makeDatabase()
        let target = subscriptions[1].phone
        var payload = disownPayload(record, target)
        payload["phone_number"] = .string("+84" + target.value.dropFirst())
        let data = try #require(try handle(.disown, payload, in: queue).data)
        #expect(data["service_id"] == "telecom.sim.disown")
        #expect(data["status"] == "disowned")
        #expect(data["phone_masked"] == .string(target.masked))
        #expect(data["disowned_at"] == "2026-05-01T03:00:00.000Z")
        #expect(data["registered_count"] == 2 && data["online_registrations_remaining"] == 1)
        let line = try #require(try listedLine(record, target, in: queue))
        #expect(line["status"] == "disowned")
        #expect(line["disowned_at"] == "2026-05-01T03:00:00.000Z")
        let list = try #require(try handle(.list, listPayload(record), in: queue).data)
        #expect(list["total_count"] == 3 && list["registered_count"] == 2)

        // A second disown is a typed rejection, not a second change.
        let again = try handle(.disown, payload, now: testNow + hours(1), in: queue)
        #expect(again.code == Code.alreadyDisowned.rawValue)
        #expect(again.rejection?.details?["disowned_at"] == "2026-05-01T03:00:00.000Z")
    }

    @Test func disowningASuspendedNumberWithdrawsItsCase() throws {
        let (record, subscriptions) = person { _, s in !s.isEmpty }
        let phone = subscriptions[0].phone
        let queue = try makeDatabase()
        _ = try handle(.identify, identityPayload(record, phone: phone.value, score: 3), in: queue)
        #expect(try listedLine(record, phone, now: testNow + days(2), in: queue)?["status"] == "suspended")
        let data = try #require(try handle(.disown, disownPayload(record, phone), now: testNow + days(2), in: queue).data)
        #expect(data["withdrawn_case_id"] != nil)
        let state = try queue.read { db in try String.fetchOne(db, sql: "SELECT state FROM telecom_suspension_case") }
        #expect(state == "withdrawn")
        let line = try #require(try listedLine(record, phone, now: testNow + days(40), in: queue))
        #expect(line["status"] == "disowned", "a withdrawn case no longer drives the status")
        #expect(line["suspension"] == nil)
    }

    @Test func aTerminatedNumberCannotBeDisowned() throws {
        let (record, subscriptions) = person { _, s in !s.isEmpty }
        let phone = subscriptions[0].phone
        let queue = try makeDatabase()
        _ = try handle(.identify, identityPayload(record, phone: phone.value, score: 3), in: queue)
        let result = try handle(.disown, disownPayload(record, phone), now: testNow + days(36), in: queue)
        #expect(result.code == Code.contractTerminated.rawValue)
    }

    @Test func disownRejections() throws {
        let (record, subscriptions) = person { _, s in !s.isEmpty }
        let queue = try makeDatabase()
        func disown(_ id: String, _ phone: String?) throws -> String? {
            var payload = disownPayload(record, subscriptions[0].phone)
            payload["id_number"] = .string(id)
            if let phone { payload["phone_number"] = .string(phone) } else { payload.removeValue(forKey: "phone_number") }
            return try handle(.disown, payload, in: queue).code
        }
        #expect(try disown(record.id.value, nil) == Code.payloadInvalid.rawValue)
        #expect(try disown("12345", subscriptions[0].phone.value) == Code.invalidIDNumber.rawValue)
        #expect(try disown(record.id.value, "12345") == Code.invalidPhoneNumber.rawValue)
        #expect(try disown(record.id.value, "0001234567") == Code.unknownPrefix.rawValue)
        #expect(try disown(registry.unknownID(at: 1).value, subscriptions[0].phone.value) == Code.citizenNotFound.rawValue)
        #expect(try disown(record.id.value, directory.freeNumber(at: 2).value) == Code.numberNotRegistered.rawValue)
        // An ID number and a phone number alone are no longer enough.
        let bare: [String: JSONValue] = ["id_number": .string(record.id.value), "phone_number": .string(subscriptions[0].phone.value)]
        #expect(try handle(.disown, bare, in: queue).code == Code.payloadInvalid.rawValue)
        #expect(try listedLine(record, subscriptions[0].phone, in: queue)?["status"] == "active")
    }
}
