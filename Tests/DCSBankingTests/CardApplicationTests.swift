import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSBanking

@Suite("banking.card.apply: received pending in-person verification (Circular 45/2025)")
struct CardApplicationTests {
    @Test func anApplicationIsReceivedNotApproved() throws {
        let queue = try makeDatabase()
        let record = adult()
        let requestID = UUID(uuidString: "0B8F3C1D-2E4A-4B6C-8D9E-1F2A3B4C5D6E")!
        let result = try #require(try run(.cardApply, cardPayload(record), in: queue, requestID: requestID).data)
        #expect(result["service_id"] == "banking.card.apply")
        #expect(result["status"] == "pending_in_person_verification")
        let reference = try #require(result["reference"]?.stringValue)
        #expect(reference == defaultService.cardReference(bank: Bank.napasDefaults[4], requestID: requestID, today: testToday))
        #expect(reference.hasPrefix("TD970407-251010-") && reference.count == 24)
        #expect(result["visit_by"] == "2025-11-09")
        #expect(result["requested_limit"] == 100_000_000)
        #expect(result["product"] == "gold")
        #expect(result["phone_masked"] == .string(record.phone.masked))
        #expect(result["applicant_name_masked"] == .string(PersonName.masked(record.fullName)))
        let requirements = try #require(result["in_person_requirements"])
        guard case .array(let items) = requirements else { Issue.record("requirements must be an array"); return }
        #expect(items.compactMap { $0["code"]?.stringValue } == ["bring_chip_id_card", "biometric_match", "registered_phone"])
        let status = try queue.read { try String.fetchOne($0, sql: "SELECT status FROM banking_card_application") }
        #expect(status == "pending_in_person_verification")
    }

    @Test func thePhoneMustBeTheApplicantsOwn() throws {
        let queue = try makeDatabase()
        let record = adult()
        var international = cardPayload(record, product: "classic", limit: 20_000_000)
        international["phone_number"] = .string("+84 " + record.phone.value.dropFirst())
        #expect(try run(.cardApply, international, in: queue).data != nil)
        var someoneElses = cardPayload(record, product: "gold")
        someoneElses["phone_number"] = .string(adult(from: 8_000) { $0.phone != record.phone }.phone.value)
        #expect(try run(.cardApply, someoneElses, in: queue).code == "banking.card.phone_not_owned")
        for bad in ["0123456789", "12345", "+1 415 555 0100"] {
            var payload = cardPayload(record, product: "gold")
            payload["phone_number"] = .string(bad)
            #expect(try run(.cardApply, payload, in: queue).code == "banking.card.invalid_phone_number", "\(bad)")
        }
    }

    @Test func applicantsMustBe18() throws {
        let queue = try makeDatabase()
        let record = person { (20...40).contains(age($0)) && $0.hasFullLegalCapacity && !($0.birthDate.month == 2 && $0.birthDate.day == 29) }
        let eighteenth = CivilDate(year: record.birthDate.year + 18, month: record.birthDate.month, day: record.birthDate.day)!
        func attempt(_ day: CivilDate) throws -> Outcome {
            var payload = cardPayload(record)
            payload["consent"] = consent(.financialData, at: instant(day).addingTimeInterval(-60))
            return try run(.cardApply, payload, in: queue, now: instant(day))
        }
        let young = try #require(try attempt(eighteenth.adding(days: -1)).rejection)
        #expect(young.code == "banking.card.applicant_under_18")
        #expect(young.details?["minimum_age"] == 18)
        #expect(try attempt(eighteenth).data?["status"] == "pending_in_person_verification")
    }

    @Test func productAndLimitBounds() throws {
        let queue = try makeDatabase()
        let record = adult()
        #expect(try run(.cardApply, cardPayload(record, product: "classic", limit: 5_000_000), in: queue).data != nil)
        #expect(try run(.cardApply, cardPayload(record, product: "platinum", limit: 1_000_000_000), in: queue).data != nil)
        let low = try #require(try run(.cardApply, cardPayload(record, product: "gold", limit: 49_999_999), in: queue).rejection)
        #expect(low.code == "banking.card.limit_out_of_range")
        #expect(low.details?["minimum_limit"] == 50_000_000 && low.details?["maximum_limit"] == 200_000_000)
        #expect(low.messageVi.contains("50.000.000 đ") && low.messageEn.contains("200,000,000 VND"))
        #expect(try run(.cardApply, cardPayload(record, product: "gold", limit: 200_000_001), in: queue).code == "banking.card.limit_out_of_range")
        #expect(try run(.cardApply, cardPayload(record, product: "diamond"), in: queue).code == "banking.card.product_unknown")
        #expect(try run(.cardApply, cardPayload(record, bin: "970499"), in: queue).code == "banking.card.bank_not_supported")
    }

    @Test func identityConsentAndCapacity() throws {
        let queue = try makeDatabase()
        let record = adult()
        var noConsent = cardPayload(record)
        noConsent["consent"] = consent(.biometricData)
        #expect(try run(.cardApply, noConsent, in: queue).code == "banking.consent_required")
        var wrongName = cardPayload(record)
        wrongName["full_name"] = "Nguyễn Văn Không Khớp"
        #expect(try run(.cardApply, wrongName, in: queue).code == "banking.card.identity_mismatch")
        var unknown = cardPayload(record)
        unknown["id_number"] = .string(registry.unknownID(at: 3).value)
        #expect(try run(.cardApply, unknown, in: queue).code == "banking.card.citizen_not_found")
        var malformed = cardPayload(record)
        malformed["id_number"] = "000123456789"
        #expect(try run(.cardApply, malformed, in: queue).code == "banking.card.invalid_id_number")
        let restricted = person { !$0.hasFullLegalCapacity && age($0) >= 18 }
        #expect(try run(.cardApply, cardPayload(restricted), in: queue).code == "banking.card.legal_capacity_restricted")
        var textLimit = cardPayload(record)
        textLimit["requested_limit"] = "100000000"
        #expect(try run(.cardApply, textLimit, in: queue).code == "banking.payload_invalid")
    }

    @Test func onePendingApplicationPerBankAndProduct() throws {
        let queue = try makeDatabase()
        let record = adult()
        let first = try #require(try run(.cardApply, cardPayload(record), in: queue).data)
        let again = try #require(try run(.cardApply, cardPayload(record, limit: 150_000_000), in: queue).rejection)
        #expect(again.code == "banking.card.application_pending")
        #expect(again.details?["reference"] == first["reference"])
        #expect(again.details?["visit_by"] == "2025-11-09")
        // Another product or another bank is another application.
        #expect(try run(.cardApply, cardPayload(record, product: "classic", limit: 30_000_000), in: queue).data != nil)
        #expect(try run(.cardApply, cardPayload(record, bin: "970436"), in: queue).data != nil)
    }

    @Test func anUnvisitedApplicationExpiresAndANewOneIsTaken() throws {
        let queue = try makeDatabase()
        let record = adult()
        let first = try #require(try run(.cardApply, cardPayload(record), in: queue).data?["reference"]?.stringValue)
        // On the visit_by day the application still counts...
        let lastDay = instant(CivilDate(year: 2025, month: 11, day: 9)!)
        var payload = cardPayload(record)
        payload["consent"] = consent(.financialData, at: lastDay.addingTimeInterval(-60))
        #expect(try run(.cardApply, payload, in: queue, now: lastDay).code == "banking.card.application_pending")
        // ...the day after it has expired.
        let dayAfter = instant(CivilDate(year: 2025, month: 11, day: 10)!)
        payload["consent"] = consent(.financialData, at: dayAfter.addingTimeInterval(-60))
        let second = try #require(try run(.cardApply, payload, in: queue, now: dayAfter).data?["reference"]?.stringValue)
        #expect(second != first)
        let statuses = try queue.read {
            try Row.fetchAll($0, sql: "SELECT reference, status FROM banking_card_application ORDER BY submitted_on")
                .map { [$0["reference"] as String: $0["status"] as String] }
        }
        #expect(statuses == [[first: "expired"], [second: "pending_in_person_verification"]])
    }

    @Test func aRedeliveredApplicationIsNotDuplicated() throws {
        let queue = try makeDatabase()
        let record = adult()
        let requestID = UUID()
        let first = try #require(try run(.cardApply, cardPayload(record), in: queue, requestID: requestID).data)
        let second = try #require(try run(.cardApply, cardPayload(record), in: queue, requestID: requestID).data)
        #expect(second["reference"] == first["reference"] && second["replayed"] == true)
        #expect(try run(.cardApply, cardPayload(record, product: "classic", limit: 10_000_000), in: queue, requestID: requestID).code
            == "banking.card.request_reused")
        let count = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM banking_card_application") }
        #expect(count == 1)
        #expect(throws: DatabaseError.self) {
            try queue.write { (db: Database) throws -> Void in
                try db.execute(sql: """
                    INSERT INTO banking_card_application (reference, request_id, citizen_key, bank_bin, product, requested_limit,
                        status, submitted_on, visit_by, station_id, submitted_at, updated_at)
                    SELECT reference || '-2', request_id || '-2', citizen_key, bank_bin, product, requested_limit,
                        status, submitted_on, visit_by, station_id, submitted_at, updated_at FROM banking_card_application
                    """)
            }
        }
    }
}

@Suite("Card application state machine")
struct CardApplicationStateTests {
    @Test func transitionTable() {
        let legal: Set<String> = [
            "pending_in_person_verification>verified", "pending_in_person_verification>declined",
            "pending_in_person_verification>withdrawn", "pending_in_person_verification>expired",
            "verified>issued", "verified>declined",
        ]
        for from in CardApplicationStatus.allCases {
            for to in CardApplicationStatus.allCases {
                #expect(from.canTransition(to: to) == legal.contains("\(from.rawValue)>\(to.rawValue)"), "\(from) -> \(to)")
            }
        }
        #expect(CardApplicationStatus.allCases.filter(\.isFinal) == [.issued, .declined, .withdrawn, .expired])
    }

    func applied(_ queue: DatabaseQueue, from start: Int = 0) throws -> String {
        try #require(try run(.cardApply, cardPayload(adult(from: start)), in: queue).data?["reference"]?.stringValue)
    }

    @Test func legalPathToIssue() throws {
        let queue = try makeDatabase()
        let reference = try applied(queue)
        try queue.write { (db: Database) throws -> Void in
            #expect(try defaultService.updateCardApplication(reference: reference, to: .verified, now: testNow, db: db) == .verified)
            #expect(try defaultService.updateCardApplication(reference: reference, to: .issued, now: testNow, db: db) == .issued)
        }
        let status = try queue.read { try String.fetchOne($0, sql: "SELECT status FROM banking_card_application") }
        #expect(status == "issued")
    }

    @Test func illegalTransitionsAreRefused() throws {
        let queue = try makeDatabase()
        let reference = try applied(queue)
        try queue.write { (db: Database) throws -> Void in
            #expect {
                try defaultService.updateCardApplication(reference: reference, to: .issued, now: testNow, db: db)
            } throws: { ($0 as? DomainRejection)?.code == "banking.card.transition_not_allowed" }
            _ = try defaultService.updateCardApplication(reference: reference, to: .withdrawn, now: testNow, db: db)
            #expect {
                try defaultService.updateCardApplication(reference: reference, to: .pendingInPersonVerification, now: testNow, db: db)
            } throws: { rejection in
                let rejection = rejection as? DomainRejection
                return rejection?.code == "banking.card.transition_not_allowed" && rejection?.details?["from"] == "withdrawn"
            }
            #expect {
                try defaultService.updateCardApplication(reference: "TD970407-251010-00000000", to: .verified, now: testNow, db: db)
            } throws: { ($0 as? DomainRejection)?.code == "banking.card.application_not_found" }
        }
    }

    @Test func anOverdueApplicationCannotBeVerified() throws {
        let queue = try makeDatabase()
        let reference = try applied(queue)
        let late = instant(testToday.adding(days: 31))
        try queue.write { (db: Database) throws -> Void in
            #expect {
                try defaultService.updateCardApplication(reference: reference, to: .verified, now: late, db: db)
            } throws: { ($0 as? DomainRejection)?.details?["from"] == "expired" }
        }
    }

    @Test func aVerifiedApplicationNoLongerBlocksANewOne() throws {
        let queue = try makeDatabase()
        let record = adult()
        let reference = try #require(try run(.cardApply, cardPayload(record), in: queue).data?["reference"]?.stringValue)
        try queue.write { (db: Database) throws -> Void in _ = try defaultService.updateCardApplication(reference: reference, to: .declined, now: testNow, db: db) }
        #expect(try run(.cardApply, cardPayload(record), in: queue).data?["status"] == "pending_in_person_verification")
    }
}
