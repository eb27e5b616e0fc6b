import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSTelecom

@Suite("telecom.sim.identify: four-field match and the suspension timeline")
struct IdentifyTests {
    let subscriber = person { _, subscriptions in !subscriptions.isEmpty }
    var record: CitizenRecord { subscriber.record }
    var phone: PhoneNumber { subscriber.subscriptions[0].phone }

    @Test func allFourFieldsMatchIdentifies() throws {
        let queue = try makeDatabase()
        let requestID = UUID()
        let data = try #require(try handle(.identify, identityPayload(record, phone: phone.value), requestID: requestID, in: queue).data)
        #expect(data["service_id"] == "telecom.sim.identify")
        #expect(data["status"] == "identified")
        #expect(data["line_status"] == "active")
        #expect(data["phone_masked"] == .string(phone.masked))
        #expect(data["id_number_masked"] == .string(record.id.masked))
        #expect(data["carrier"] == .string(subscriber.subscriptions[0].carrier.rawValue))
        #expect(data["verified_at"] == "2026-05-01T03:00:00.000Z")
        #expect(data["mismatched_fields"] == nil && data["suspension"] == nil)
        let row = try #require(try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM telecom_verification WHERE request_id = ?", arguments: [requestID.uuidString.lowercased()])
        })
        #expect(row["outcome"] == "identified")
        #expect(row["purpose"] == "identify")
        #expect(row["mismatched_fields"] == "")
    }

    @Test func outdatedCarrierDataIsStandardisedByAnIdentification() throws {
        let stale = person { _, subscriptions in subscriptions.contains { $0.outdatedFields.count == 2 } }
        let line = try #require(stale.subscriptions.first { $0.outdatedFields.count == 2 })
        #expect(line.heldName != stale.record.fullName && line.heldBirthDate != stale.record.birthDate)
        let queue = try makeDatabase()
        #expect(try listedLine(stale.record, line.phone, in: queue)?["subscriber_data"] == "needs_identification")
        #expect(try listedLine(stale.record, line.phone, in: queue)?["outdated_fields"] == ["full_name", "birth_date"])
        let data = try #require(try handle(.identify, identityPayload(stale.record, phone: line.phone.value), in: queue).data)
        #expect(data["status"] == "identified")
        #expect(data["standardised_fields"] == ["full_name", "birth_date"])
        let after = try #require(try listedLine(stale.record, line.phone, in: queue))
        #expect(after["subscriber_data"] == "matches_registry")
        #expect(after["outdated_fields"] == [])
        #expect(after["last_identified_at"] == "2026-05-01T03:00:00.000Z")
    }

    @Test func namesCompareAfterNFCCaseAndSpaces() throws {
        let queue = try makeDatabase()
        let typed = "  " + record.fullName.uppercased().decomposedStringWithCanonicalMapping.replacingOccurrences(of: " ", with: " \t ") + " "
        #expect(typed != record.fullName)
        let data = try #require(try handle(.identify, identityPayload(record, phone: phone.value, name: typed), in: queue).data)
        #expect(data["status"] == "identified")
        // Diacritics are part of a Vietnamese name: dropping them is a mismatch.
        let plain = SyntheticCarrierDirectory.withoutDiacritics(record.fullName)
        #expect(plain != record.fullName)
        let mismatch = try #require(try handle(.identify, identityPayload(record, phone: phone.value, name: plain), in: queue).data)
        #expect(mismatch["mismatched_fields"] == ["full_name"])
    }

    @Test func phoneNumberFormsAreNormalised() throws {
        let queue = try makeDatabase()
        let national = String(phone.value.dropFirst())
        for form in ["+84" + national, "84" + national, "+84 0" + national, phone.value.prefix(4) + " " + phone.value.dropFirst(4)] {
            let data = try handle(.identify, identityPayload(record, phone: String(form)), in: queue).data
            #expect(data?["status"] == "identified", "form \(form)")
        }
    }

    @Test(arguments: [
        (name: false, birth: false, score: Int64(79), fields: ["face"]),
        (name: true, birth: false, score: Int64(80), fields: ["full_name"]),
        (name: false, birth: true, score: Int64(100), fields: ["birth_date"]),
        (name: true, birth: true, score: Int64(0), fields: ["full_name", "birth_date", "face"]),
    ])
    func mismatchNamesTheFieldsAndStartsTheTimeline(name: Bool, birth: Bool, score: Int64, fields: [String]) throws {
        let queue = try makeDatabase()
        let payload = identityPayload(
            record, phone: phone.value, name: name ? "Nguyễn Văn Không Khớp" : nil,
            birthDate: birth ? record.birthDate.adding(days: -1).description : nil, score: score)
        let requestID = UUID()
        let data = try #require(try handle(.identify, payload, requestID: requestID, in: queue).data)
        #expect(data["status"] == "mismatch")
        #expect(data["mismatched_fields"] == .array(fields.map { .string($0) }))
        #expect(data["line_status"] == "active", "2 hours of grace before outgoing service stops")
        let suspension = try #require(data["suspension"]?.objectValue)
        #expect(suspension["case_id"] == .string(requestID.uuidString.lowercased()))
        #expect(suspension["new_case"] == true)
        #expect(suspension["stage"] == "pending")
        #expect(suspension["detected_at"] == "2026-05-01T03:00:00.000Z")
        #expect(suspension["timeline"] == [
            ["step": "outgoing_suspended", "at": "2026-05-01T05:00:00.000Z", "at_local": "2026-05-01T12:00:00.000+07:00"],
            ["step": "both_directions_blocked", "at": "2026-05-31T03:00:00.000Z", "at_local": "2026-05-31T10:00:00.000+07:00"],
            ["step": "contract_terminated", "at": "2026-06-05T03:00:00.000Z", "at_local": "2026-06-05T10:00:00.000+07:00"],
        ])
        // Field names only: no value the citizen typed comes back.
        let text = JSONValue.object(data).jsonString
        #expect(!text.contains(record.fullName) && !text.contains(record.birthDate.description) && !text.contains(phone.value))
        let row = try #require(try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM telecom_suspension_case") })
        #expect(row["state"] == "open")
        #expect(row["mismatched_fields"] == fields.joined(separator: ","))
    }

    @Test func statusFollowsTheTimeline() throws {
        let queue = try makeDatabase()
        _ = try handle(.identify, identityPayload(record, phone: phone.value, score: 10), in: queue)
        let steps: [(TimeInterval, String, String)] = [
            (hours(1), "active", "pending"),
            (hours(2), "suspended", "outgoing_suspended"),
            (days(29), "suspended", "outgoing_suspended"),
            (days(30), "suspended", "both_directions_blocked"),
            (days(35) - 1, "suspended", "both_directions_blocked"),
            (days(35), "terminated", "contract_terminated"),
        ]
        for (offset, status, stage) in steps {
            let line = try #require(try listedLine(record, phone, now: testNow + offset, in: queue))
            #expect(line["status"] == .string(status), "at +\(offset)s")
            #expect(line["suspension"]?["stage"] == .string(stage), "at +\(offset)s")
        }
    }

    @Test func aSecondMismatchKeepsTheFirstTimeline() throws {
        let queue = try makeDatabase()
        let first = try #require(try handle(.identify, identityPayload(record, phone: phone.value, score: 10), in: queue).data)
        let second = try #require(try handle(.identify, identityPayload(record, phone: phone.value, score: 20), now: testNow + days(3), in: queue).data)
        #expect(second["suspension"]?["case_id"] == first["suspension"]?["case_id"])
        #expect(second["suspension"]?["new_case"] == false)
        #expect(second["suspension"]?["detected_at"] == "2026-05-01T03:00:00.000Z")
        #expect(second["suspension"]?["stage"] == "outgoing_suspended")
        #expect(second["line_status"] == "suspended")
        let counts = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_suspension_case")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_verification WHERE outcome = 'mismatch'")!)
        }
        #expect(counts == (1, 2))
    }

    @Test func aLaterIdentificationLiftsTheCase() throws {
        let queue = try makeDatabase()
        let mismatch = try #require(try handle(.identify, identityPayload(record, phone: phone.value, score: 10), in: queue).data)
        let caseID = try #require(mismatch["suspension"]?["case_id"])
        #expect(try listedLine(record, phone, now: testNow + days(31), in: queue)?["status"] == "suspended")
        let lift = try #require(try handle(.identify, identityPayload(record, phone: phone.value), now: testNow + days(31), in: queue).data)
        #expect(lift["status"] == "identified")
        #expect(lift["lifted_case_id"] == caseID)
        let line = try #require(try listedLine(record, phone, now: testNow + days(40), in: queue))
        #expect(line["status"] == "active")
        #expect(line["suspension"] == nil)
        let row = try #require(try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM telecom_suspension_case") })
        #expect(row["state"] == "lifted")
        #expect(row["closed_at"] == "2026-06-01T03:00:00.000Z")
        // A new mismatch after the lift opens a new case with a fresh clock.
        let again = try #require(try handle(.identify, identityPayload(record, phone: phone.value, score: 1), now: testNow + days(41), in: queue).data)
        #expect(again["suspension"]?["new_case"] == true)
        #expect(again["suspension"]?["case_id"] != caseID)
    }

    @Test func aTerminatedContractCannotBeLifted() throws {
        let queue = try makeDatabase()
        _ = try handle(.identify, identityPayload(record, phone: phone.value, score: 10), in: queue)
        let late = try handle(.identify, identityPayload(record, phone: phone.value), now: testNow + days(36), in: queue)
        #expect(late.code == Code.contractTerminated.rawValue)
        #expect(late.rejection?.details?["contract_terminated_at"] == "2026-06-05T03:00:00.000Z")
        #expect(late.rejection?.details?["referral"] == "carrier_store")
        // Just before the end it still can.
        let queue2 = try makeDatabase()
        _ = try handle(.identify, identityPayload(record, phone: phone.value, score: 10), in: queue2)
        #expect(try handle(.identify, identityPayload(record, phone: phone.value), now: testNow + days(35) - 1, in: queue2).data?["status"] == "identified")
    }

    @Test func faceThresholdIsConfigurable() throws {
        let strict = TelecomService(configuration: TelecomConfiguration(faceMatchThreshold: 96))
        let queue = try makeDatabase()
        let data = try handle(.identify, identityPayload(record, phone: phone.value, score: 95), with: strict, in: queue).data
        #expect(data?["mismatched_fields"] == ["face"])
        #expect(try handle(.identify, identityPayload(record, phone: phone.value, score: 96), with: strict, in: queue).data?["status"] == "identified")
    }

    @Test func suspensionDelaysAreConfigurable() throws {
        let quick = TelecomService(configuration: TelecomConfiguration(
            outgoingSuspensionDelaySeconds: 0, bothDirectionsBlockDelayDays: 10, terminationDelayDays: 2))
        let queue = try makeDatabase()
        let data = try #require(try handle(.identify, identityPayload(record, phone: phone.value, score: 1), with: quick, in: queue).data)
        #expect(data["line_status"] == "suspended")
        #expect(data["suspension"]?["timeline"]?[1]?["at"] == "2026-05-11T03:00:00.000Z")
        #expect(data["suspension"]?["timeline"]?[2]?["at"] == "2026-05-13T03:00:00.000Z")
    }

    // MARK: Rejections

    @Test func numberMustBeRegisteredToThatID() throws {
        let queue = try makeDatabase()
        let free = directory.freeNumber(at: 7)
        let result = try handle(.identify, identityPayload(record, phone: free.value), in: queue)
        #expect(result.code == Code.numberNotRegistered.rawValue)
        #expect(result.rejection?.details?["phone_masked"] == .string(free.masked))
        // Someone else's number, known to this database, is not this citizen's either.
        let other = person(from: 50) { r, s in !s.isEmpty && r.id != record.id }
        _ = try handle(.list, listPayload(other.record), in: queue)
        #expect(try handle(.identify, identityPayload(record, phone: other.subscriptions[0].phone.value), in: queue).code
                == Code.numberNotRegistered.rawValue)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_verification") } == 0)
    }

    @Test func aDisownedNumberCannotBeIdentified() throws {
        let queue = try makeDatabase()
        #expect(try handle(.disown, disownPayload(record, phone), in: queue).data != nil)
        #expect(try handle(.identify, identityPayload(record, phone: phone.value), in: queue).code == Code.numberDisowned.rawValue)
    }

    @Test func unknownCitizen() throws {
        let queue = try makeDatabase()
        var payload = identityPayload(record, phone: phone.value)
        payload["id_number"] = .string(registry.unknownID(at: 3).value)
        #expect(try handle(.identify, payload, in: queue).code == Code.citizenNotFound.rawValue)
    }

    @Test(arguments: [
        ("07912345678", Code.invalidIDNumber), ("0791234567890", Code.invalidIDNumber), ("ABC123456789", Code.invalidIDNumber),
        ("000100012345", Code.invalidIDNumber), ("003100012345", Code.invalidIDNumber),
    ])
    func malformedIDNumbers(id: String, code: Code) throws {
        let queue = try makeDatabase()
        var payload = identityPayload(record, phone: phone.value)
        payload["id_number"] = .string(id)
        #expect(try handle(.identify, payload, in: queue).code == code.rawValue)
    }

    @Test(arguments: [
        ("091234567", Code.invalidPhoneNumber), ("09123456789", Code.invalidPhoneNumber), ("0912a45678", Code.invalidPhoneNumber),
        ("+1 202 555 0100", Code.invalidPhoneNumber), ("0111234567", Code.unknownPrefix), ("+84 20 1234 567", Code.unknownPrefix),
    ])
    func malformedPhoneNumbers(number: String, code: Code) throws {
        let queue = try makeDatabase()
        let result = try handle(.identify, identityPayload(record, phone: number), in: queue)
        #expect(result.code == code.rawValue)
    }

    @Test func biometricConsentIsRequired() throws {
        let queue = try makeDatabase()
        var payload = identityPayload(record, phone: phone.value)
        for bad: JSONValue? in [nil, consent(granted: false), consent(purpose: "health_data"), consent(at: testNow + 3600)] {
            if let bad { payload["consent"] = bad } else { payload.removeValue(forKey: "consent") }
            let result = try handle(.identify, payload, in: queue)
            #expect(result.code == Code.consentRequired.rawValue)
            #expect(result.rejection?.details?["purpose"] == "biometric_data")
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM telecom_citizen") } == 0,
                "nothing is touched without consent")
    }

    @Test(arguments: ["id_number", "phone_number", "full_name", "birth_date", "face_match_score"])
    func missingFieldsArePayloadInvalid(field: String) throws {
        let queue = try makeDatabase()
        var payload = identityPayload(record, phone: phone.value)
        payload.removeValue(forKey: field)
        let result = try handle(.identify, payload, in: queue)
        #expect(result.code == Code.payloadInvalid.rawValue)
        #expect(result.rejection?.messageEn.contains(field) == true)
    }

    @Test(arguments: [
        ("face_match_score", JSONValue.integer(101)), ("face_match_score", .integer(-1)), ("face_match_score", .string("90")),
        ("face_match_score", .number(90.5)), ("birth_date", .string("1990-02-30")), ("birth_date", .string("01/02/1990")),
        ("full_name", .string("   ")), ("full_name", .string(String(repeating: "a", count: 101))), ("id_number", .integer(79_123_456_789)),
    ])
    func malformedFieldsArePayloadInvalid(field: String, value: JSONValue) throws {
        let queue = try makeDatabase()
        var payload = identityPayload(record, phone: phone.value)
        payload[field] = value
        #expect(try handle(.identify, payload, in: queue).code == Code.payloadInvalid.rawValue)
    }

    @Test func unknownServiceIsRejected() throws {
        let queue = try makeDatabase()
        #expect(try handle("telecom.sim.port", ["id_number": .string(record.id.value)], in: queue).code == "telecom.service_unknown")
    }
}
