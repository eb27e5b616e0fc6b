import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSTelecom

/// Knowing a neighbour's ID number (and one of their phone numbers) must not let anybody at a kiosk
/// list or disown the numbers registered to that ID: list and disown need the same proof of
/// identity as identify and register, and a failed proof is a plain refusal.
@Suite("telecom.sim.list and telecom.sim.disown: proof of identity")
struct ListAndDisownIdentityTests {
    let holder = person { _, subscriptions in subscriptions.count >= 2 }
    var record: CitizenRecord { holder.record }
    var suspendedPhone: PhoneNumber { holder.subscriptions[0].phone }
    var activePhone: PhoneNumber { holder.subscriptions[1].phone }

    /// The ID's lines materialised and the first one under an open suspension case.
    func databaseWithState() throws -> DatabaseQueue {
        let queue = try makeDatabase()
        #expect(try handle(.list, listPayload(record), in: queue).data != nil)
        let mismatch = try handle(.identify, identityPayload(record, phone: suspendedPhone.value, score: 5), in: queue).data
        #expect(mismatch?["status"] == "mismatch")
        return queue
    }

    /// The list and disown payloads (each line) carrying the same claimed identity.
    func payloads(name: String? = nil, birthDate: String? = nil, score: Int64 = 95) -> [(TelecomServiceID, [String: JSONValue])] {
        [(.list, listPayload(record, name: name, birthDate: birthDate, score: score)),
         (.disown, disownPayload(record, suspendedPhone, name: name, birthDate: birthDate, score: score)),
         (.disown, disownPayload(record, activePhone, name: name, birthDate: birthDate, score: score))]
    }

    @Test(arguments: [
        (name: true, birth: false, score: Int64(95), fields: ["full_name"]),
        (name: false, birth: true, score: Int64(95), fields: ["birth_date"]),
        (name: false, birth: false, score: Int64(79), fields: ["face"]),
        (name: true, birth: true, score: Int64(0), fields: ["full_name", "birth_date", "face"]),
    ])
    func aWrongProofIsRefusedAndChangesNothing(name: Bool, birth: Bool, score: Int64, fields: [String]) throws {
        let wrongName = name ? SyntheticCarrierDirectory.staleSpelling(record.fullName) : nil
        let wrongBirth = birth ? record.birthDate.adding(days: -1).description : nil
        #expect(wrongName.map { !PersonName.matches($0, record.fullName) } ?? true)

        for queue in [try makeDatabase(), try databaseWithState()] {
            let before = try snapshot(queue)
            for (service, payload) in payloads(name: wrongName, birthDate: wrongBirth, score: score) {
                let result = try handle(service, payload, in: queue)
                #expect(result.code == Code.identityMismatch.rawValue, "\(service)")
                #expect(result.rejection?.details == ["mismatched_fields": .array(fields.map { .string($0) })], "field names only")
                let text = (result.rejection.map { $0.messageVi + $0.messageEn } ?? "")
                #expect(!text.contains(record.fullName) && !text.contains(record.birthDate.description) && !text.contains(record.id.value))
                #expect(result.rejection?.messageEn.contains(service == .list ? "not shown" : "no number was disowned") == true)
            }
            // No suspension case opened or withdrawn, no verification recorded, no line changed or even
            // materialised: the tables are exactly as before.
            #expect(try snapshot(queue) == before)
        }

        let queue = try databaseWithState()
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_suspension_case WHERE state = 'open'") } == 1)
        #expect(try listedLine(record, suspendedPhone, now: testNow + hours(3), in: queue)?["status"] == "suspended")
        #expect(try listedLine(record, activePhone, in: queue)?["status"] == "active")
        // The holder, with the right proof, still can.
        #expect(try handle(.disown, disownPayload(record, activePhone), in: queue).data?["status"] == "disowned")
    }

    @Test func biometricConsentIsRequired() throws {
        for queue in [try makeDatabase(), try databaseWithState()] {
            let before = try snapshot(queue)
            for (service, payload) in payloads() {
                for bad: JSONValue? in [nil, consent(granted: false), consent(purpose: "health_data"), consent(at: testNow + 3600)] {
                    var payload = payload
                    if let bad { payload["consent"] = bad } else { payload.removeValue(forKey: "consent") }
                    let result = try handle(service, payload, in: queue)
                    #expect(result.code == Code.consentRequired.rawValue, "\(service) with \(bad?.jsonString ?? "no consent")")
                    #expect(result.rejection?.details?["purpose"] == "biometric_data")
                }
            }
            #expect(try snapshot(queue) == before, "nothing is touched without consent")
        }
    }

    @Test(arguments: ["full_name", "birth_date", "face_match_score"])
    func theProofFieldsAreRequired(field: String) throws {
        let queue = try makeDatabase()
        for (service, payload) in payloads() {
            var payload = payload
            payload.removeValue(forKey: field)
            let result = try handle(service, payload, in: queue)
            #expect(result.code == Code.payloadInvalid.rawValue, "\(service)")
            #expect(result.rejection?.messageEn.contains(field) == true)
        }
        #expect(try snapshot(queue).isEmpty)
    }

    @Test func theProofUsesTheSameRulesAsIdentify() throws {
        let queue = try makeDatabase()
        // Names compare after NFC, case folding and space collapsing; the face threshold is inclusive.
        let typed = "  " + record.fullName.uppercased().decomposedStringWithCanonicalMapping.replacingOccurrences(of: " ", with: " \t ") + " "
        #expect(try handle(.list, listPayload(record, name: typed, score: 80), in: queue).data?["total_count"]
                == .integer(Int64(holder.subscriptions.count)))
        // Diacritics are part of the name.
        let plain = SyntheticCarrierDirectory.withoutDiacritics(record.fullName)
        if plain != record.fullName {
            #expect(try handle(.list, listPayload(record, name: plain), in: queue).rejection?.details?["mismatched_fields"] == ["full_name"])
        }
        // The configured threshold applies to list and disown as to identify.
        let strict = TelecomService(configuration: TelecomConfiguration(faceMatchThreshold: 96))
        #expect(try handle(.list, listPayload(record, score: 95), with: strict, in: queue).rejection?.details?["mismatched_fields"] == ["face"])
        #expect(try handle(.disown, disownPayload(record, activePhone, score: 95), with: strict, in: queue).code
                == Code.identityMismatch.rawValue)
        #expect(try listedLine(record, activePhone, in: queue)?["status"] == "active")
        #expect(try handle(.disown, disownPayload(record, activePhone, name: typed, score: 96), with: strict, in: queue).data?["status"]
                == "disowned")
    }

    @Test func aFailedProofIsCheckedBeforeTheNumber() throws {
        // A wrong proof is refused as such even for a number that is not the ID's: the refusal says
        // nothing about which numbers are registered to it.
        let queue = try makeDatabase()
        let free = directory.freeNumber(at: 4)
        let result = try handle(.disown, disownPayload(record, free, score: 10), in: queue)
        #expect(result.code == Code.identityMismatch.rawValue)
        #expect(result.rejection?.details?["phone_masked"] == nil)
        #expect(try handle(.disown, disownPayload(record, free), in: queue).code == Code.numberNotRegistered.rawValue)
    }
}
