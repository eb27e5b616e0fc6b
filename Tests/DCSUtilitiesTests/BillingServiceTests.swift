import DCSDomain
import Foundation
import GRDB
import Testing
@testable import DCSUtilities

@Suite("Bills: lookup and payment against SQLite")
struct BillingServiceTests {
    let directory = testService.directory
    let anchor = BillingPeriod("2025-10")!

    /// The first customer of `kind` with at least `unpaid` unpaid bills.
    func customer(_ kind: UtilityKind, unpaid: Int) -> SyntheticCustomer {
        directory.customers(kind).first { customer in
            directory.bills(for: customer, anchor: anchor).filter { !$0.paidElsewhere }.count >= unpaid
        }!
    }

    @Test(arguments: UtilityKind.allCases)
    func lookupShowsStoredBills(kind: UtilityKind) throws {
        let queue = try makeDatabase()
        let customer = customer(kind, unpaid: 1)
        let expected = directory.bills(for: customer, anchor: anchor)
        let result = try #require(try handle("utilities.\(kind).lookup", payload(customer), in: queue).lookup)
        #expect(result.bills.map(\.period) == expected.map(\.period))
        #expect(result.bills.map(\.charges) == expected.map(\.charges))
        #expect(result.unpaidCount == expected.filter { !$0.paidElsewhere }.count)
        #expect(result.totalDue == expected.filter { !$0.paidElsewhere }.reduce(0) { $0 + $1.charges.total })
        #expect(result.nextDue?.period == expected.first { !$0.paidElsewhere }?.period)
        // The JSON is an object with snake_case keys.
        let json = try JSONSerialization.jsonObject(with: try UtilitiesOutcome.lookup(result).jsonData()) as? [String: Any]
        #expect(json?["total_due"] as? Int64 == result.totalDue)
    }

    @Test(arguments: UtilityKind.allCases)
    func paysOldestFirstUntilNothingIsDue(kind: UtilityKind) throws {
        let queue = try makeDatabase()
        let customer = customer(kind, unpaid: 2)
        let unpaid = directory.bills(for: customer, anchor: anchor).filter { !$0.paidElsewhere }
        var paidPeriods: [BillingPeriod] = []
        for step in 0..<unpaid.count {
            let payment = try #require(try handle("utilities.\(kind).pay", payload(customer), in: queue).payment)
            #expect(!payment.replayed)
            #expect(payment.bill.status == .paid && payment.bill.paidChannel == .station)
            #expect(payment.amountPaid == unpaid[step].charges.total)
            #expect(payment.remainingUnpaidCount == unpaid.count - step - 1)
            paidPeriods.append(payment.bill.period)
        }
        #expect(paidPeriods == unpaid.map(\.period))
        #expect(try handle("utilities.\(kind).pay", payload(customer), in: queue).rejectionCode == .billNothingDue)
        let rows = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM utilities_payment") }
        #expect(rows == unpaid.count)
    }

    @Test func aBillIsNeverPaidTwiceEvenBypassingTheChecks() throws {
        let queue = try makeDatabase()
        let customer = customer(.electricity, unpaid: 1)
        let payment = try #require(try handle("utilities.electricity.pay", payload(customer), in: queue).payment)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO utilities_payment (kind, customer_key, period, id, request_id, bill_id, consumption,
                        amount, vat, environment_fee, total, paid_at)
                    SELECT kind, customer_key, period, 'x', 'y', bill_id, consumption, amount, vat, environment_fee, total, paid_at
                    FROM utilities_payment WHERE request_id = ?
                    """, arguments: [payment.requestID.lowercasedString])
            }
        }
    }

    @Test func sameRequestIDReplaysInsteadOfPayingAgain() throws {
        let queue = try makeDatabase()
        let customer = customer(.water, unpaid: 2)
        let requestID = UUID()
        let first = try #require(try handle("utilities.water.pay", payload(customer), requestID: requestID, in: queue).payment)
        let second = try #require(try handle("utilities.water.pay", payload(customer), requestID: requestID, in: queue).payment)
        #expect(second.replayed && !first.replayed)
        #expect(second.paymentID == first.paymentID && second.bill.billID == first.bill.billID)
        #expect(second.amountPaid == first.amountPaid && second.remainingDue == first.remainingDue)
        let rows = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM utilities_payment") }
        #expect(rows == 1)
        // The payment time survives storage (stored as Unix seconds) to the second.
        #expect(second.paidAt == first.paidAt && first.paidAt == testNow)
        let stored = try #require(try handle("utilities.water.lookup", payload(customer), in: queue).lookup)
        #expect(stored.bills.first { $0.billID == first.bill.billID }?.paidAt == testNow)
        // Rows written as ISO text by earlier versions still read back.
        try queue.write { try $0.execute(sql: "UPDATE utilities_payment SET paid_at = '2025-10-15 03:00:00.000' WHERE bill_id = ?", arguments: [first.bill.billID]) }
        let legacy = try #require(try handle("utilities.water.lookup", payload(customer), in: queue).lookup)
        #expect(legacy.bills.first { $0.billID == first.bill.billID }?.paidAt == testNow)

        let other = directory.customers(.water)[customer.index == 0 ? 1 : 0]
        #expect(try handle("utilities.water.pay", payload(other), requestID: requestID, in: queue).rejectionCode
                == .paymentRequestReused)
    }

    /// A resend after the payment settled the last bill, or with the amount of the bill it paid,
    /// is the same payment again, not "nothing due" or "amount mismatch".
    @Test(arguments: UtilityKind.allCases)
    func aReplayStaysAReplayWhenNothingOrSomethingElseIsDue(kind: UtilityKind) throws {
        let queue = try makeDatabase()
        let single = try #require(directory.customers(kind).first { customer in
            directory.bills(for: customer, anchor: anchor).filter { !$0.paidElsewhere }.count == 1
        })
        let requestID = UUID()
        let paid = try #require(try handle("utilities.\(kind).pay", payload(single), requestID: requestID, in: queue).payment)
        let again = try #require(try handle("utilities.\(kind).pay", payload(single), requestID: requestID, in: queue).payment)
        #expect(again.replayed && again.paymentID == paid.paymentID && again.remainingUnpaidCount == 0)
        #expect(try handle("utilities.\(kind).pay", payload(single), in: queue).rejectionCode == .billNothingDue)

        let two = customer(kind, unpaid: 2)
        let unpaid = directory.bills(for: two, anchor: anchor).filter { !$0.paidElsewhere }
        let firstID = UUID()
        let first = try #require(try handle("utilities.\(kind).pay", payload(two, expectedAmount: unpaid[0].charges.total), requestID: firstID, in: queue).payment)
        let resent = try #require(try handle("utilities.\(kind).pay", payload(two, expectedAmount: unpaid[0].charges.total), requestID: firstID, in: queue).payment)
        #expect(resent.replayed && resent.bill.billID == first.bill.billID)
        if unpaid[1].charges.total != unpaid[0].charges.total {
            #expect(try handle("utilities.\(kind).pay", payload(two, expectedAmount: unpaid[0].charges.total), in: queue).rejectionCode == .billAmountMismatch)
        }
        let rows = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM utilities_payment") }
        #expect(rows == 2)
    }

    /// A customer's bills read the same the first time they are asked for and afterwards.
    @Test(arguments: UtilityKind.allCases)
    func firstAndLaterLookupsAgree(kind: UtilityKind) throws {
        let queue = try makeDatabase()
        let customer = customer(kind, unpaid: 1)
        let first = try #require(try handle("utilities.\(kind).lookup", payload(customer), in: queue).lookup)
        let later = try #require(try handle("utilities.\(kind).lookup", payload(customer), in: queue).lookup)
        #expect(first.bills == later.bills)
        #expect(first.bills.map(\.period) == directory.bills(for: customer, anchor: anchor).map(\.period))
        // A later month brings the new period in, the old rows untouched.
        let nextMonth = testNow.addingTimeInterval(31 * 86_400)
        let after = try #require(try handle("utilities.\(kind).lookup", payload(customer), now: nextMonth, in: queue).lookup)
        #expect(Array(after.bills.dropLast()) == first.bills)
        #expect(after.bills.last?.period == BillingPeriod("2025-10"))
    }

    @Test func expectedAmountMustMatchTheBillDue() throws {
        let queue = try makeDatabase()
        let customer = customer(.electricity, unpaid: 1)
        let due = directory.bills(for: customer, anchor: anchor).first { !$0.paidElsewhere }!.charges.total
        let stale = try handle("utilities.electricity.pay", payload(customer, expectedAmount: due + 1), in: queue)
        #expect(stale.rejectionCode == .billAmountMismatch)
        if case .failure(let error) = stale {
            #expect(error.rejection?.messageVi.contains(VND.vietnamese(due)) == true)
        }
        let lookup = try #require(try handle("utilities.electricity.lookup", payload(customer), in: queue).lookup)
        #expect(lookup.nextDue?.charges.total == due)  // nothing was paid
        let paid = try #require(try handle("utilities.electricity.pay", payload(customer, expectedAmount: due), in: queue).payment)
        #expect(paid.amountPaid == due)
    }

    @Test func billsAreIdenticalAcrossDatabasesAndALookupStoresOnlyTheCustomer() throws {
        let first = try makeDatabase(), second = try makeDatabase()
        let customers = UtilityKind.allCases.flatMap { directory.customers($0, count: 40) }
        // Ask in different orders and at different times within the same month.
        var seen: [String: BillLookupResult] = [:]
        for customer in customers {
            let result = try #require(try handle("utilities.\(customer.kind).lookup", payload(customer), in: first).lookup)
            seen[customer.reference] = result
        }
        for customer in customers.reversed() {
            let later = try #require(try handle("utilities.\(customer.kind).lookup", payload(customer),
                                                now: testNow.addingTimeInterval(86_400), in: second).lookup)
            #expect(later == seen[customer.reference])
        }
        let counts = try first.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM utilities_customer"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM utilities_payment"))
        }
        #expect(counts.0 == customers.count && counts.1 == 0)
    }

    @Test func lookingUpAgainChangesNothingAndPaidBillsStayPaid() throws {
        let queue = try makeDatabase()
        let customer = customer(.telecom, unpaid: 1)
        _ = try handle("utilities.telecom.pay", payload(customer), in: queue)
        let before = try #require(try handle("utilities.telecom.lookup", payload(customer), in: queue).lookup)
        let after = try #require(try handle("utilities.telecom.lookup", payload(customer), in: queue).lookup)
        #expect(before == after)
        #expect(before.bills.contains { $0.paidChannel == .station })
    }

    @Test func newMonthsBringNewBills() throws {
        let queue = try makeDatabase()
        let customer = customer(.electricity, unpaid: 1)
        let october = try #require(try handle("utilities.electricity.lookup", payload(customer), in: queue).lookup)
        let november = try #require(try handle("utilities.electricity.lookup", payload(customer),
                                                now: testNow.addingTimeInterval(31 * 86_400), in: queue).lookup)
        #expect(november.bills.last?.period.description == "2025-10")
        #expect(Set(october.bills.map(\.billID)).isSubset(of: november.bills.map(\.billID)))
    }

    /// The directory shows a new customer only the last 1-3 months; a bill shown unpaid must
    /// not slide out of that window as months pass (the database remembers where it started).
    @Test(arguments: UtilityKind.allCases)
    func anUnpaidBillStaysOwedMonthsLater(kind: UtilityKind) throws {
        let queue = try makeDatabase()
        let customer = customer(kind, unpaid: 1)
        let october = try #require(try handle("utilities.\(kind).lookup", payload(customer), in: queue).lookup)
        let oldest = try #require(october.nextDue)
        let march = testNow.addingTimeInterval(150 * 86_400)
        let later = try #require(try handle("utilities.\(kind).lookup", payload(customer), now: march, in: queue).lookup)
        #expect(later.nextDue == oldest)
        #expect(later.bills.first?.period == october.bills.first?.period)
        #expect(later.bills.count >= october.bills.count + 5)
        // And it is the one paid first.
        let paid = try #require(try handle("utilities.\(kind).pay", payload(customer), now: march, in: queue).payment)
        #expect(paid.bill.billID == oldest.billID)
        // A database that first sees the customer in March shows March's window only.
        let fresh = try #require(try handle("utilities.\(kind).lookup", payload(customer), now: march, in: try makeDatabase()).lookup)
        #expect(fresh.bills.allSatisfy { $0.period > oldest.period })
    }

    @Test func telecomUsesCarrierOfRecordAndStoresNoNumber() throws {
        let queue = try makeDatabase()
        let ported = try #require(directory.customers(.telecom).first { $0.carrier != $0.phoneNumber!.prefixCarrier })
        let result = try #require(try handle("utilities.telecom.lookup", payload(ported), in: queue).lookup)
        #expect(result.customer.carrier == ported.carrier)
        #expect(result.customer.prefixCarrier == ported.phoneNumber!.prefixCarrier)
        #expect(result.customer.reference == ported.phoneNumber!.masked)
        let international = "{\"phone_number\": \"+84 \(ported.reference.dropFirst())\"}"
        #expect(try handle("utilities.telecom.lookup", international, in: queue).lookup == result)

        _ = try #require(try handle("utilities.telecom.pay", payload(ported), in: queue).payment)
        let cells = try queue.read { db in
            try ["utilities_customer", "utilities_payment"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table)").flatMap { row in row.databaseValues.map { $0.description } }
            }
        }
        #expect(!cells.isEmpty)
        #expect(!cells.contains { $0.contains(ported.reference) || $0.contains(ported.reference.dropFirst()) })
    }

    @Test func rejectionsThroughHandle() throws {
        let queue = try makeDatabase()
        let cases: [(String, String, UtilitiesRejection.Code)] = [
            ("utilities.gas.lookup", #"{"customer_code": "PE04001234567"}"#, .serviceUnknown),
            ("utilities.electricity.lookup", "[1, 2]", .payloadInvalid),
            ("utilities.electricity.lookup", "not json", .payloadInvalid),
            ("utilities.electricity.lookup", #"{"customer_number": "13051234567"}"#, .payloadInvalid),
            ("utilities.electricity.lookup", #"{"customer_code": 42}"#, .payloadInvalid),
            ("utilities.electricity.pay", #"{"customer_code": "PE04001234567", "expected_amount": 0}"#, .payloadInvalid),
            ("utilities.electricity.pay", #"{"customer_code": "PE04001234567", "expected_amount": 10.5}"#, .payloadInvalid),
            ("utilities.electricity.pay", #"{"customer_code": "PE04001234567", "expected_amount": "10"}"#, .payloadInvalid),
            ("utilities.electricity.lookup", #"{"customer_code": "PE0400123456"}"#, .electricityInvalidCustomerCode),
            ("utilities.electricity.pay", #"{"customer_code": "PD01001234567"}"#, .electricityRegionNotServed),
            ("utilities.water.lookup", #"{"customer_number": "1305123456"}"#, .waterInvalidCustomerNumber),
            ("utilities.telecom.lookup", #"{"phone_number": "12345"}"#, .telecomInvalidPhoneNumber),
            ("utilities.telecom.pay", #"{"phone_number": "0212345678"}"#, .telecomUnknownPrefix),
        ]
        for (serviceID, body, code) in cases {
            #expect(try handle(serviceID, body, in: queue).rejectionCode == code, "\(serviceID) \(body)")
        }
    }

    @Test(arguments: UtilityKind.allCases)
    func unknownCustomersAreNotFound(kind: UtilityKind) throws {
        let queue = try makeDatabase()
        let known = directory.customers(kind, count: 1)[0]
        // Change the last digit until the reference no longer exists.
        let stem = known.reference.dropLast()
        let unknown = try #require((0...9).map { stem + String($0) }.first { candidate in
            (try? testService.resolve(kind, reference: candidate)) == nil
        })
        let field = payload(known).replacingOccurrences(of: known.reference, with: unknown)
        let expected: UtilitiesRejection.Code = switch kind {
        case .electricity: .electricityCustomerNotFound
        case .water: .waterCustomerNotFound
        case .telecom: .telecomSubscriberNotFound
        }
        #expect(try handle("utilities.\(kind).lookup", field, in: queue).rejectionCode == expected)
        #expect(try handle("utilities.\(kind).pay", field, in: queue).rejectionCode == expected)
        let rows = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM utilities_customer) + (SELECT COUNT(*) FROM utilities_payment)")
        }
        #expect(rows == 0)
    }

    @Test func customerWithEverythingPaidElsewhereHasNothingDue() throws {
        let queue = try makeDatabase()
        let settled = try #require(directory.customers(.water).first { customer in
            directory.bills(for: customer, anchor: anchor).allSatisfy(\.paidElsewhere)
        })
        let lookup = try #require(try handle("utilities.water.lookup", payload(settled), in: queue).lookup)
        #expect(lookup.totalDue == 0 && lookup.nextDue == nil && !lookup.bills.isEmpty)
        #expect(try handle("utilities.water.pay", payload(settled), in: queue).rejectionCode == .billNothingDue)
    }
}
