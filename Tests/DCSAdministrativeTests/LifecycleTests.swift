import DCSDomain
import DCSSchema
import Foundation
import GRDB
import Testing
@testable import DCSAdministrative

@Suite("Dossier status, withdrawal and fee payment")
struct LifecycleTests {
    @Test func statusOfACounterDossierMatchesItsProjection() throws {
        let queue = try makeDatabase()
        let dossier = counterDossier { _, progress in progress.status == .resultReturned }
        let result = try #require(try run("administrative.dossier.status", lookup(dossier), in: queue).data)
        let projected = testService.counterDossiers.projectedProgress(of: dossier, at: wednesday)
        #expect(result.statusCode == 10 && result.str("next_action") == "none")
        #expect(result.str("appointment_date") == projected.appointment.description)
        let history = try #require(result["history"]?.arrayValue)
        #expect(history.first?["to"] == 1 && history.first?["from"] == .null)
        #expect(history.last?["to"] == 10)
        // Every recorded move is legal and in time order.
        for (a, b) in zip(history, history.dropFirst()) {
            let from = DossierStatus(rawValue: Int(a["to"]!.int64Value!))!, to = DossierStatus(rawValue: Int(b["to"]!.int64Value!))!
            #expect(from.canMove(to: to))
            #expect(b["from"]?.int64Value == Int64(from.rawValue))
            #expect(a["at"]!.stringValue! <= b["at"]!.stringValue!)
        }
        // A second look-up changes nothing.
        let again = try #require(try run("administrative.dossier.status", lookup(dossier), in: queue).data)
        #expect(again["history"] == result["history"])
    }

    @Test func wrongIDNumberLooksExactlyLikeAnUnknownDossier() throws {
        let queue = try makeDatabase()
        let dossier = counterDossier { _, _ in true }
        var wrong = lookup(dossier)
        wrong["applicant_id_number"] = .string(adult(9).id.value)
        let unknown = DossierCode(agencyCode: dossier.code.agencyCode, receivedOn: dossier.code.receivedOn, sequence: 9_999)
        let a = try #require(try run("administrative.dossier.status", wrong, in: queue).rejection)
        let b = try #require(try run("administrative.dossier.status",
                                     ["dossier_code": .string(unknown.description), "applicant_id_number": .string(adult(9).id.value)],
                                     in: queue).rejection)
        #expect(a.code == "administrative.dossier.not_found" && a == b)
        // Even once the dossier is stored.
        _ = try run("administrative.dossier.status", lookup(dossier), in: queue)
        #expect(try run("administrative.dossier.status", wrong, in: queue).rejection == b)
        #expect(try run("administrative.dossier.status", ["dossier_code": "38.98.H29-2105-13", "applicant_id_number": wrong["applicant_id_number"]!],
                        in: queue).code == "administrative.dossier.code_invalid")
        #expect(try run("administrative.dossier.status", ["dossier_code": .string(dossier.code.description), "applicant_id_number": "12"],
                        in: queue).code == "administrative.dossier.applicant_id_invalid")
        #expect(try run("administrative.dossier.status", ["dossier_code": .string(dossier.code.description)], in: queue).code
            == "administrative.payload_invalid")
    }

    @Test func stationDossierProgressesLazilyWithLegalMoves() throws {
        let queue = try makeDatabase()
        // Several dossiers, so that several plan shapes are met.
        for index in 0..<12 {
            let submitted = try #require(try run("administrative.dossier.submit", birthRegistration(adult(20 + index), copies: Int64(index % 2)),
                                                 in: queue).data)
            let code = submitted.str("dossier_code")!
            let plan = testService.plan(code: code, procedure: testService.procedures.procedure(code: "1.001193")!, fee: index % 2 == 0 ? 0 : 8_000)
            let later = try #require(try run("administrative.dossier.status",
                                             ["dossier_code": .string(code), "applicant_id_number": .string(adult(20 + index).id.value)],
                                             in: queue, now: hcmc("2025-12-01")).data)
            let moves = try #require(later["history"]?.arrayValue).compactMap { $0["to"]?.int64Value }
            // The recorded moves are the plan's up to the first one that waits for the citizen's payment.
            let expected = [1] + plan.steps.prefix { $0.trigger != .payment }.map { Int64($0.status.rawValue) }
            #expect(moves == expected, "\(code)")
            let late = (plan.completionClock ?? 0) > 3, waitsForFee = plan.steps.contains { $0.status == .feeRequired }
            #expect((later["apology"] != .null) == (late && !waitsForFee), "\(code)")
            if late && !waitsForFee { #expect(later["apology"]?["original_date"] == later["original_appointment_date"]) }
        }
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT from_status, to_status FROM administrative_status_history") }
        for row in rows {
            let from: Int? = row["from_status"], to: Int = row["to_status"]
            if let from { #expect(DossierStatus(rawValue: from)!.canMove(to: DossierStatus(rawValue: to)!)) } else { #expect(to == 1) }
        }
    }

    @Test func theDatabaseRefusesIllegalMoves() throws {
        let queue = try makeDatabase()
        _ = try run("administrative.dossier.submit", birthRegistration(), in: queue)
        let code = try queue.read { try String.fetchOne($0, sql: "SELECT code FROM administrative_dossier")! }
        for (from, to) in [(1, 9), (3, 4), (10, 7), (6, 9), (7, 4)] {
            #expect(throws: DatabaseError.self) {
                try queue.write { db in
                    try db.execute(sql: "INSERT INTO administrative_status_history (dossier_code, from_status, to_status, at, actor) VALUES (?, ?, ?, 'x', 'agency')",
                                   arguments: [code, from, to])
                }
            }
        }
        try queue.write { db in
            try db.execute(sql: "INSERT INTO administrative_status_history (dossier_code, from_status, to_status, at, actor) VALUES (?, 6, 4, 'x', 'payment_platform')",
                           arguments: [code])
        }
    }

    @Test func withdrawalFromLegalStatesOnly() throws {
        let queue = try makeDatabase()
        let submitted = try #require(try run("administrative.dossier.submit", birthRegistration(), in: queue).data)
        let request: [String: JSONValue] = ["dossier_code": submitted["dossier_code"]!, "applicant_id_number": .string(adult(0).id.value),
                                            "reason": "Nộp nhầm thủ tục"]
        let withdrawn = try #require(try run("administrative.dossier.withdraw", request, in: queue).data)
        #expect(withdrawn.statusCode == 7 && withdrawn["replayed"]?.boolValue == false && withdrawn["appointment_date"] == .null)
        #expect(withdrawn["history"]?.arrayValue?.last?["actor"] == "citizen")
        let again = try #require(try run("administrative.dossier.withdraw", request, in: queue).data)
        #expect(again.statusCode == 7 && again["replayed"]?.boolValue == true)
        #expect(again["history"]?.arrayValue?.count == 2)
        // Nothing moves a withdrawn dossier any more.
        let later = try #require(try run("administrative.dossier.status", request, in: queue, now: hcmc("2026-01-05")).data)
        #expect(later.statusCode == 7 && later["history"]?.arrayValue?.count == 2)
        #expect(try queue.read { try String.fetchOne($0, sql: "SELECT withdrawal_reason FROM administrative_dossier") } == "Nộp nhầm thủ tục")

        for target in [DossierStatus.resultReturned, .notAccepted] {
            let done = counterDossier { _, progress in progress.status == target }
            let refused = try run("administrative.dossier.withdraw", lookup(done), in: queue)
            #expect(refused.code == "administrative.dossier.withdraw_not_allowed")
            #expect(refused.rejection?.details?["status"]?.int64Value == Int64(target.rawValue))
        }
        let waiting = counterDossier { dossier, progress in progress.status == .feeRequired }
        #expect(try run("administrative.dossier.withdraw", lookup(waiting), in: queue).data?.statusCode == 7)
        var long = lookup(waiting)
        long["reason"] = .string(String(repeating: "x", count: 501))
        #expect(try run("administrative.dossier.withdraw", long, in: queue).code == "administrative.payload_invalid")
    }

    @Test func feePaymentMovesSixToFourOnceAndOnlyOnce() throws {
        let queue = try makeDatabase()
        let dossier = counterDossier { dossier, progress in dossier.procedure.copyFee > 0 && dossier.copies > 0 && progress.status == .feeRequired }
        #expect(dossier.fee == dossier.procedure.baseFee + dossier.procedure.copyFee * Int64(dossier.copies))
        var pay = lookup(dossier)
        pay["intermediary"] = "MoMo"
        pay["amount"] = .integer(dossier.fee - 1)
        let mismatch = try run("administrative.fee.pay", pay, in: queue)
        #expect(mismatch.code == "administrative.fee.amount_mismatch" && mismatch.rejection?.details?["amount_due"]?.int64Value == dossier.fee)
        pay["amount"] = .integer(dossier.fee)
        pay["intermediary"] = "PayPal"
        #expect(try run("administrative.fee.pay", pay, in: queue).code == "administrative.fee.intermediary_unknown")
        pay["intermediary"] = "Viettel Money"
        let paid = try #require(try run("administrative.fee.pay", pay, in: queue).data)
        #expect(paid.statusCode == 4 && paid["replayed"]?.boolValue == false)
        #expect(paid["payment"]?["amount"]?.int64Value == dossier.fee && paid["payment"]?["intermediary"] == "Viettel Money")
        let receipt = try #require(paid["payment"]?["receipt_number"]?.stringValue)
        #expect(receipt.hasPrefix("PG-251015-"))
        #expect(paid["history"]?.arrayValue?.last?["actor"] == "payment_platform")
        // The clock restarted today with the days it had left.
        let projected = testService.counterDossiers.projectedProgress(of: dossier, at: wednesday)
        let left = dossier.procedure.processingDays - projected.anchorClock
        #expect(paid.str("appointment_date") == HolidayCalendar.vietnam2025And2026.workingDay(after: CivilDate(parsing: "2025-10-15")!, count: left).description)

        // A second payment (even with another amount or intermediary) returns the original receipt.
        pay["intermediary"] = "VNPAY"
        pay["amount"] = 1
        let replay = try #require(try run("administrative.fee.pay", pay, in: queue, now: hcmc("2025-10-16")).data)
        #expect(replay["replayed"]?.boolValue == true && replay["payment"]?["receipt_number"]?.stringValue == receipt)
        #expect(replay["payment"]?["intermediary"] == "Viettel Money" && replay["payment"]?["amount"]?.int64Value == dossier.fee)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM administrative_fee_payment") } == 1)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM administrative_status_history WHERE to_status = 4 AND from_status = 6") } == 1)
        // The primary key refuses a second row even if the checks were bypassed.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO administrative_fee_payment VALUES (?, 'PG-X', 'r2', 'MoMo', 1000, 'x')", arguments: [dossier.code.description])
            }
        }
    }

    @Test func feeOnlyWhenRequested() throws {
        let queue = try makeDatabase()
        let submitted = try #require(try run("administrative.dossier.submit", birthRegistration(), in: queue).data)
        let pay: [String: JSONValue] = ["dossier_code": submitted["dossier_code"]!, "applicant_id_number": .string(adult(0).id.value),
                                        "amount": 24_000, "intermediary": "NAPAS"]
        let refused = try run("administrative.fee.pay", pay, in: queue)
        #expect(refused.code == "administrative.fee.not_payable" && refused.rejection?.details?["status"] == 1)
        let free = counterDossier { dossier, progress in dossier.fee == 0 && progress.status == .processing }
        var other = lookup(free)
        other["amount"] = 1_000
        other["intermediary"] = "FPT"
        #expect(try run("administrative.fee.pay", other, in: queue).code == "administrative.fee.not_payable")
        other["amount"] = "1000"
        #expect(try run("administrative.fee.pay", other, in: queue).code == "administrative.payload_invalid")
    }

    @Test func noPersonalDataInClear() throws {
        let queue = try makeDatabase()
        let person = adult(0)
        _ = try run("administrative.dossier.submit", birthRegistration(person), in: queue)
        let dossier = counterDossier { _, _ in true }
        _ = try run("administrative.dossier.status", lookup(dossier), in: queue)
        let phone = testService.registry.citizen(at: 5).phone.value
        _ = try run("administrative.security.report", ["category": "fraud", "description": "Cuộc gọi lừa đảo giả danh ngân hàng.",
                                                       "contact_phone": .string(phone), "wants_callback": true], in: queue)
        let dump = try queue.read { db -> String in
            var text = ""
            for table in ["administrative_dossier", "administrative_document", "administrative_status_history", "administrative_apology",
                          "administrative_fee_payment", "administrative_security_report"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") { text += row.description }
            }
            return text
        }
        #expect(!dump.isEmpty)
        for secret in [person.id.value, dossier.applicant.id.value, phone, String(phone.dropFirst())] {
            #expect(!dump.contains(secret))
        }
        #expect(dump.contains(person.id.masked) && dump.contains(String(phone.prefix(3)) + "****" + String(phone.suffix(3))))
        let key = try queue.read { try String.fetchOne($0, sql: "SELECT applicant_key FROM administrative_dossier WHERE origin = 'station'") }
        #expect(key == person.id.keyedHash(key: AdministrativeConfiguration().personalDataKey))
    }
}
