import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSBanking

@Suite("banking.transfer.authorize: OTP or face, and the day's total")
struct TransferAuthorizationTests {
    func transfer(_ record: CitizenRecord, _ amount: Int64, in queue: DatabaseQueue, now: Date = testNow,
                  requestID: UUID = UUID(), service: BankingService = defaultService) throws -> Outcome {
        try run(.transferAuthorize, ["id_number": .string(record.id.value), "amount": .integer(amount)], in: queue,
                now: now, requestID: requestID, service: service)
    }

    @Test func thresholdsWithExactFigures() throws {
        let queue = try makeDatabase()
        let record = adult()
        let steps: [(amount: Int64, method: String, reason: String, total: Int64)] = [
            (10_000_000, "otp", "within_thresholds", 10_000_000),            // exactly 10M: not above
            (10_000_000, "otp", "within_thresholds", 20_000_000),            // total exactly 20M: not past
            (1, "face", "day_total_above_threshold", 20_000_001),            // 1 dong past 20M
            (500_000, "face", "day_total_above_threshold", 20_500_001),      // stays face for the day
            (10_000_001, "face", "single_amount_above_threshold", 30_500_002),
        ]
        for step in steps {
            let result = try #require(try transfer(record, step.amount, in: queue).data)
            #expect(result["method"] == .string(step.method), "\(step)")
            #expect(result["reason"] == .string(step.reason), "\(step)")
            #expect(result["day_total"] == .integer(step.total), "\(step)")
            #expect(result["amount"] == .integer(step.amount))
            #expect(result["day"] == "2025-10-10")
            #expect(result["face_single_threshold"] == 10_000_000 && result["face_daily_threshold"] == 20_000_000)
        }
        let stored = try queue.read { try Int64.fetchOne($0, sql: "SELECT SUM(amount) FROM banking_transfer") }
        #expect(stored == 30_500_002)
    }

    @Test func aSingleLargeTransferNeedsFaceOnItsOwn() throws {
        let queue = try makeDatabase()
        let result = try #require(try transfer(adult(), 10_000_001, in: queue).data)
        #expect(result["method"] == "face" && result["reason"] == "single_amount_above_threshold" && result["day_total"] == 10_000_001)
    }

    @Test func theDayIsHoChiMinhCitysAndTotalsArePerCitizen() throws {
        let queue = try makeDatabase()
        let record = adult()
        let lateEvening = RFC3339.date(from: "2025-10-10T16:59:59Z")!   // 23:59:59 in HCMC
        let midnight = RFC3339.date(from: "2025-10-10T17:00:00Z")!      // 00:00 on 11 Oct in HCMC
        #expect(try transfer(record, 15_000_000 - 1, in: queue, now: lateEvening).code == nil)
        let sameDay = try #require(try transfer(record, 6_000_000, in: queue, now: lateEvening).data)
        #expect(sameDay["day"] == "2025-10-10" && sameDay["day_total"] == 20_999_999 && sameDay["method"] == "face")
        let nextDay = try #require(try transfer(record, 6_000_000, in: queue, now: midnight).data)
        #expect(nextDay["day"] == "2025-10-11" && nextDay["day_total"] == 6_000_000 && nextDay["method"] == "otp")
        let other = try #require(try transfer(adult(from: 7_000), 6_000_000, in: queue, now: lateEvening).data)
        #expect(other["day_total"] == 6_000_000 && other["method"] == "otp")
    }

    @Test func amountRules() throws {
        let queue = try makeDatabase()
        let record = adult()
        #expect(try transfer(record, 0, in: queue).code == "banking.transfer.invalid_amount")
        #expect(try transfer(record, -1, in: queue).code == "banking.transfer.invalid_amount")
        let capped = try #require(try transfer(record, 500_000_001, in: queue).rejection)
        #expect(capped.code == "banking.transfer.amount_above_limit")
        #expect(capped.details?["maximum_amount"] == 500_000_000)
        #expect(try transfer(record, 500_000_000, in: queue).data?["method"] == "face")
        #expect(try run(.transferAuthorize, ["id_number": .string(record.id.value)], in: queue).code == "banking.payload_invalid")
        #expect(try run(.transferAuthorize, ["id_number": "0791", "amount": 5], in: queue).code == "banking.transfer.invalid_id_number")
        #expect(try run(.transferAuthorize, ["id_number": .string(registry.unknownID(at: 1).value), "amount": 5], in: queue).code
            == "banking.transfer.citizen_not_found")
    }

    @Test func dailyCapAndConfigurableThresholds() throws {
        let queue = try makeDatabase()
        let record = adult()
        let service = BankingService(configuration: BankingConfiguration(
            faceSingleTransferThreshold: 5_000_000, faceDailyTotalThreshold: 8_000_000,
            maximumTransferAmount: 20_000_000, maximumDailyTransferTotal: 30_000_000))
        #expect(try transfer(record, 5_000_000, in: queue, service: service).data?["method"] == "otp")
        #expect(try transfer(record, 5_000_001, in: queue, service: service).data?["reason"] == "single_amount_above_threshold")
        #expect(try transfer(record, 19_000_000, in: queue, service: service).data?["day_total"] == 29_000_001)
        let refused = try #require(try transfer(record, 1_000_000, in: queue, service: service).rejection)
        #expect(refused.code == "banking.transfer.daily_limit_exceeded")
        #expect(refused.details?["remaining"] == 999_999)
        #expect(refused.messageVi.contains("999.999 đ"))
        // A refused transfer does not count; the exact remainder still fits.
        let last = try #require(try transfer(record, 999_999, in: queue, service: service).data)
        #expect(last["day_total"] == 30_000_000 && last["method"] == "face")
    }

    @Test func aRedeliveredRequestIsCountedOnce() throws {
        let queue = try makeDatabase()
        let record = adult()
        let requestID = UUID()
        let first = try #require(try transfer(record, 12_000_000, in: queue, requestID: requestID).data)
        let again = try #require(try transfer(record, 12_000_000, in: queue, now: testNow.addingTimeInterval(5), requestID: requestID).data)
        #expect(again["replayed"] == true)
        #expect(again["day_total"] == first["day_total"] && again["method"] == first["method"] && again["authorized_at"] == first["authorized_at"])
        #expect(try transfer(record, 1_000, in: queue, requestID: requestID).code == "banking.transfer.request_reused")
        let next = try #require(try transfer(record, 1_000, in: queue).data)
        #expect(next["day_total"] == 12_001_000)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO banking_transfer SELECT NULL, request_id, citizen_key, day, amount, day_total, method, reason, station_id, authorized_at FROM banking_transfer LIMIT 1")
            }
        }
    }

    @Test func decisionFunction() {
        func decide(_ amount: Int64, _ total: Int64) -> TransferAuthentication {
            TransferAuthentication(amount: amount, dayTotal: total, singleThreshold: 10_000_000, dailyThreshold: 20_000_000)
        }
        #expect(decide(10_000_000, 20_000_000) == TransferAuthentication(method: .otp, reason: .withinThresholds))
        #expect(decide(10_000_001, 10_000_001) == TransferAuthentication(method: .face, reason: .singleAmountAboveThreshold))
        #expect(decide(10_000_001, 40_000_000) == TransferAuthentication(method: .face, reason: .singleAmountAboveThreshold))
        #expect(decide(1, 20_000_001) == TransferAuthentication(method: .face, reason: .dayTotalAboveThreshold))
    }
}
