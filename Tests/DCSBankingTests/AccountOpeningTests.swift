import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSBanking

@Suite("banking.account.open: eKYC rules of Circular 17/2024")
struct AccountOpeningTests {
    @Test func opensWithChipAndFaceMatch() throws {
        let queue = try makeDatabase()
        let record = adult()
        let requestID = UUID()
        let result = try #require(try run(.accountOpen, accountPayload(record), in: queue, requestID: requestID).data)
        let expectedNumber = defaultService.accountNumber(bank: Bank.napasDefaults[0], requestID: requestID, attempt: 0)
        #expect(result["service_id"] == "banking.account.open")
        #expect(result["status"] == "opened")
        #expect(result["bank_bin"] == "970436")
        #expect(result["bank_name"] == "Vietcombank")
        #expect(expectedNumber.count == 13 && expectedNumber.first != "0")
        #expect(result["account_last4"] == .string(String(expectedNumber.suffix(4))))
        #expect(result["account_number_masked"] == .string("*********" + expectedNumber.suffix(4)))
        #expect(result["evidence"] == "chip_face_match")
        #expect(result["holder_name_masked"] == .string(PersonName.masked(record.fullName)))
        #expect(result["id_number_masked"] == .string(record.id.masked))
        #expect(result["opened_at"] == "2025-10-10T03:00:00.000Z")
        #expect(result["replayed"] == false)
        let count = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM banking_account") }
        #expect(count == 1)
    }

    @Test func opensWithVNeIDLevel2() throws {
        let queue = try makeDatabase()
        let record = adult { $0.vneidLevel == 2 }
        var payload = accountPayload(record, bin: "970418")
        payload["chip"] = nil
        payload["face_match_score"] = nil
        payload["vneid_level"] = 2
        let result = try #require(try run(.accountOpen, payload, in: queue).data)
        #expect(result["evidence"] == "vneid_level_2")
        #expect(result["account_number_masked"]?.stringValue?.count == 14) // BIDV numbers are 14 digits
        let score = try queue.read { try Row.fetchOne($0, sql: "SELECT face_match_score FROM banking_account") }
        #expect(score?["face_match_score"] == nil as Int64?)
    }

    @Test func vneidLevelIsTheRegistrysNotTheClaimed() throws {
        let queue = try makeDatabase()
        for (record, claimed) in [(adult { $0.vneidLevel == 1 }, Int64(2)), (adult { $0.vneidLevel == 2 }, Int64(1))] {
            var payload = accountPayload(record)
            payload["chip"] = nil
            payload["face_match_score"] = nil
            payload["vneid_level"] = .integer(claimed)
            #expect(try run(.accountOpen, payload, in: queue).code == "banking.account.vneid_level_insufficient")
        }
    }

    @Test func chipRouteWinsWhenBothAreGivenAndNeedsAFaceScore() throws {
        let queue = try makeDatabase()
        let record = adult { $0.vneidLevel == 1 }
        var payload = accountPayload(record)
        payload["vneid_level"] = 1
        #expect(try run(.accountOpen, payload, in: queue).data?["evidence"] == "chip_face_match")
        var noScore = accountPayload(adult(from: 500))
        noScore["face_match_score"] = nil
        let rejection = try #require(try run(.accountOpen, noScore, in: queue).rejection)
        #expect(rejection.code == "banking.payload_invalid")
        #expect(rejection.messageEn.contains("face_match_score"))
    }

    @Test func faceMatchThresholdIsInclusiveAndConfigurable() throws {
        let queue = try makeDatabase()
        #expect(try run(.accountOpen, accountPayload(adult(from: 0), score: 85), in: queue).data != nil)
        let failed = try #require(try run(.accountOpen, accountPayload(adult(from: 1_000), score: 84), in: queue).rejection)
        #expect(failed.code == "banking.account.face_match_failed")
        #expect(failed.details?["threshold"] == 85)
        let strict = BankingService(configuration: BankingConfiguration(faceMatchThreshold: 90))
        #expect(try run(.accountOpen, accountPayload(adult(from: 2_000), score: 89), in: queue, service: strict).code
            == "banking.account.face_match_failed")
    }

    @Test func ageBoundaries() throws {
        let queue = try makeDatabase()
        let record = person { (20...40).contains(age($0)) && $0.hasFullLegalCapacity && !($0.birthDate.month == 2 && $0.birthDate.day == 29) }
        let born = record.birthDate
        func on(_ years: Int, days: Int = 0) -> Date {
            instant(CivilDate(year: born.year + years, month: born.month, day: born.day)!.adding(days: days))
        }
        func attempt(_ now: Date, service: BankingService = defaultService) throws -> Outcome {
            var payload = accountPayload(record)
            payload["consent"] = consent(.biometricData, at: now.addingTimeInterval(-60))
            return try run(.accountOpen, payload, in: queue, now: now, service: service)
        }
        #expect(try attempt(on(15, days: -1)).code == "banking.account.under_15_not_allowed")
        let minor = try #require(try attempt(on(15)).rejection)
        #expect(minor.code == "banking.account.minor_not_allowed")
        #expect(minor.details?["minimum_age"] == 18)
        #expect(try attempt(on(18, days: -1)).code == "banking.account.minor_not_allowed")
        // A bank that reads the circular as 16+: the floor of 15 cannot be configured away.
        let sixteen = BankingService(configuration: BankingConfiguration(minimumAccountAge: 16))
        #expect(try attempt(on(16, days: -1), service: sixteen).code == "banking.account.minor_not_allowed")
        let lenient = BankingService(configuration: BankingConfiguration(minimumAccountAge: 10))
        #expect(try attempt(on(15, days: -1), service: lenient).code == "banking.account.under_15_not_allowed")
        #expect(try attempt(on(18)).data?["status"] == "opened")
    }

    @Test func restrictedLegalCapacityIsRefused() throws {
        let queue = try makeDatabase()
        let record = person { !$0.hasFullLegalCapacity && age($0) >= 18 }
        #expect(try run(.accountOpen, accountPayload(record), in: queue).code == "banking.account.legal_capacity_restricted")
    }

    @Test func identityMustMatchTheRegistry() throws {
        let queue = try makeDatabase()
        let record = adult()
        var payload = accountPayload(record)
        // Same name, other case, decomposed, extra spaces: still the person.
        payload["full_name"] = .string("  " + record.fullName.uppercased().decomposedStringWithCanonicalMapping.replacingOccurrences(of: " ", with: "   "))
        payload["id_number"] = .string(record.id.value.prefix(3) + " " + record.id.value.dropFirst(3))
        #expect(try run(.accountOpen, payload, in: queue).data != nil)

        let other = adult(from: 3_000)
        var wrongBirth = accountPayload(other)
        wrongBirth["birth_date"] = .string(other.birthDate.adding(days: 1).description)
        let rejection = try #require(try run(.accountOpen, wrongBirth, in: queue).rejection)
        #expect(rejection.code == "banking.account.identity_mismatch")
        #expect(rejection.details?["fields"] == ["birth_date"])
        var noDiacritics = accountPayload(other)
        noDiacritics["full_name"] = .string(other.fullName.folding(options: .diacriticInsensitive, locale: nil))
        #expect(try run(.accountOpen, noDiacritics, in: queue).code == "banking.account.identity_mismatch")
        var unknown = accountPayload(other)
        let nobody = registry.unknownID(at: 7)
        unknown["id_number"] = .string(nobody.value)
        unknown["account_holders"] = [["id_number": .string(nobody.value)]]
        #expect(try run(.accountOpen, unknown, in: queue).code == "banking.account.citizen_not_found")
        var malformed = accountPayload(other)
        malformed["id_number"] = "12345"
        #expect(try run(.accountOpen, malformed, in: queue).code == "banking.account.invalid_id_number")
    }

    @Test func singleHolderOnly() throws {
        let queue = try makeDatabase()
        let record = adult()
        var joint = accountPayload(record)
        joint["account_holders"] = [["id_number": .string(record.id.value)], ["id_number": .string(adult(from: 900).id.value)]]
        #expect(try run(.accountOpen, joint, in: queue).code == "banking.account.joint_account_not_allowed")
        var someoneElse = accountPayload(record)
        someoneElse["account_holders"] = [["id_number": .string(adult(from: 900).id.value)]]
        #expect(try run(.accountOpen, someoneElse, in: queue).code == "banking.account.holder_not_applicant")
        var none = accountPayload(record)
        none["account_holders"] = []
        #expect(try run(.accountOpen, none, in: queue).code == "banking.payload_invalid")
    }

    @Test func chipEvidence() throws {
        let queue = try makeDatabase()
        let record = adult()
        var unverified = accountPayload(record)
        unverified["chip"] = ["id_number": .string(record.id.value), "full_name": .string(record.fullName),
                              "birth_date": .string(record.birthDate.description), "verified": false]
        #expect(try run(.accountOpen, unverified, in: queue).code == "banking.account.chip_not_verified")
        var otherCard = accountPayload(record)
        let other = adult(from: 4_000)
        otherCard["chip"] = ["id_number": .string(other.id.value), "full_name": .string(record.fullName),
                             "birth_date": .string(record.birthDate.description), "verified": true]
        #expect(try run(.accountOpen, otherCard, in: queue).code == "banking.account.chip_data_mismatch")
        var badChipDate = accountPayload(record)
        badChipDate["chip"] = ["id_number": .string(record.id.value), "full_name": .string(record.fullName),
                               "birth_date": "31-12-1990", "verified": true]
        let complaint = try #require(try run(.accountOpen, badChipDate, in: queue).rejection)
        #expect(complaint.code == "banking.payload_invalid" && complaint.messageEn.contains("chip.birth_date"))
        var noEvidence = accountPayload(record)
        noEvidence["chip"] = nil
        #expect(try run(.accountOpen, noEvidence, in: queue).code == "banking.account.identity_evidence_missing")
    }

    @Test func consentAndBankAreChecked() throws {
        let queue = try makeDatabase()
        let record = adult()
        var noConsent = accountPayload(record)
        noConsent["consent"] = nil
        #expect(try run(.accountOpen, noConsent, in: queue).code == "banking.consent_required")
        var financialOnly = accountPayload(record)
        financialOnly["consent"] = consent(.financialData)
        #expect(try run(.accountOpen, financialOnly, in: queue).code == "banking.consent_required")
        var later = accountPayload(record)
        later["consent"] = consent(.biometricData, at: testNow.addingTimeInterval(3600))
        #expect(try run(.accountOpen, later, in: queue).code == "banking.consent_required")
        var unlisted = accountPayload(record, bin: "970499")
        unlisted["consent"] = consent(.biometricData)
        #expect(try run(.accountOpen, unlisted, in: queue).code == "banking.account.bank_not_supported")
        let count = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM banking_account") }
        #expect(count == 0)
    }

    @Test func oneAccountPerBankThroughThisChannel() throws {
        let queue = try makeDatabase()
        let record = adult()
        #expect(try run(.accountOpen, accountPayload(record, bin: "970436"), in: queue).data != nil)
        let again = try #require(try run(.accountOpen, accountPayload(record, bin: "970436"), in: queue).rejection)
        #expect(again.code == "banking.account.already_has_account")
        #expect(again.details?["bank_bin"] == "970436")
        #expect(try run(.accountOpen, accountPayload(record, bin: "970416"), in: queue).data?["account_number_masked"]?.stringValue?.count == 9)
        let count = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM banking_account") }
        #expect(count == 2)
    }

    @Test func aRedeliveredRequestReturnsTheSameAccount() throws {
        let queue = try makeDatabase()
        let record = adult()
        let requestID = UUID()
        let first = try #require(try run(.accountOpen, accountPayload(record), in: queue, requestID: requestID).data)
        let second = try #require(try run(.accountOpen, accountPayload(record), in: queue, now: testNow.addingTimeInterval(30), requestID: requestID).data)
        #expect(second["replayed"] == true)
        #expect(second["account_last4"] == first["account_last4"])
        #expect(second["opened_at"] == first["opened_at"])
        #expect(try run(.accountOpen, accountPayload(adult(from: 5_000)), in: queue, requestID: requestID).code
            == "banking.account.request_reused")
        let count = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM banking_account") }
        #expect(count == 1)
    }

    @Test func accountNumbersAreDeterministicPerRequestAndBank() {
        let requestID = UUID(uuidString: "6F1C2A4E-8B7D-4C3A-9E21-0D5B7A9C1E33")!
        for bank in Bank.napasDefaults {
            let number = defaultService.accountNumber(bank: bank, requestID: requestID, attempt: 0)
            #expect(number.count == bank.accountNumberLength)
            #expect(number.allSatisfy(\.isNumber) && number.first != "0")
            #expect(number == BankingService().accountNumber(bank: bank, requestID: requestID, attempt: 0))
            #expect(number != defaultService.accountNumber(bank: bank, requestID: requestID, attempt: 1))
        }
    }

    @Test func theDatabaseRefusesASecondAccountEvenIfChecksAreBypassed() throws {
        let queue = try makeDatabase()
        #expect(try run(.accountOpen, accountPayload(adult()), in: queue).data != nil)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO banking_account (request_id, citizen_key, bank_bin, account_key, account_last4, account_length,
                        evidence, face_match_score, station_id, ward_code, opened_at)
                    SELECT 'other', citizen_key, bank_bin, substr(account_key, 2) || 'x', account_last4, account_length,
                        evidence, face_match_score, station_id, ward_code, opened_at FROM banking_account
                    """)
            }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO banking_account (request_id, citizen_key, bank_bin, account_key, account_last4, account_length,
                        evidence, face_match_score, station_id, ward_code, opened_at)
                    VALUES ('x', ?, '970436', ?, '1234', 13, 'vneid_level_2', 90, 's', '27097', 'now')
                    """, arguments: [String(repeating: "a", count: 64), String(repeating: "b", count: 64)])
            }
        }
    }

    @Test func unknownServiceIsRejected() throws {
        let queue = try makeDatabase()
        #expect(try run("banking.loan.apply", [:], in: queue).code == "banking.service_unknown")
    }
}
