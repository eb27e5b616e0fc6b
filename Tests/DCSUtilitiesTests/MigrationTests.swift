import DCSDomain
import Foundation
import GRDB
import Testing
@testable import DCSUtilities

/// Shipped migrations are never edited; later ones must carry the data of earlier ones over.
@Suite("Utilities migrations")
struct MigrationTests {
    private let directory = testService.directory
    private let anchor = BillingPeriod("2025-10")!

    /// How releases before utilities.v4 stored a bill: every bill of the window, the first time
    /// the customer was seen.
    private static let legacyBillSQL = """
        INSERT INTO utilities_bill
            (id, kind, customer_key, period, consumption, persons, carrier,
             amount, vat, environment_fee, total, status, paid_channel, paid_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
        """

    private func legacyBills(_ customer: SyntheticCustomer, db: Database) throws {
        for bill in directory.bills(for: customer, anchor: anchor) {
            try db.execute(sql: Self.legacyBillSQL, arguments: [
                billID(customer, bill.period), customer.kind.rawValue, customer.reference, bill.period.description,
                bill.consumption, bill.persons, nil, bill.charges.amount, bill.charges.vat, bill.charges.environmentFee,
                bill.charges.total, bill.paidElsewhere ? "paid" : "unpaid", bill.paidElsewhere ? "other_channel" : nil,
            ])
        }
    }

    private func billID(_ customer: SyntheticCustomer, _ period: BillingPeriod) -> String {
        "\(customer.kind.billIDPrefix)-\(customer.reference)-\(period)"
    }

    @Test func billsAndPaymentsOfEarlierReleasesAreCarriedOver() throws {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        UtilitiesService.registerMigrations(&migrator)
        try migrator.migrate(queue, upTo: "utilities.v3")
        // A database as a worker of the previous release left it: one customer with two unpaid
        // bills paid the older (the time written as ISO text, as the first release did), another
        // was only looked up.
        let payer = try #require(directory.customers(.electricity).first { customer in
            directory.bills(for: customer, anchor: anchor).filter { !$0.paidElsewhere }.count >= 2
        })
        let looker = try #require(directory.customers(.water).first { customer in
            directory.bills(for: customer, anchor: anchor).contains { !$0.paidElsewhere }
        })
        let unpaid = directory.bills(for: payer, anchor: anchor).filter { !$0.paidElsewhere }
        let requestID = UUID()
        let paidID = billID(payer, unpaid[0].period)
        try queue.write { db in
            try legacyBills(payer, db: db)
            try legacyBills(looker, db: db)
            try db.execute(sql: "INSERT INTO utilities_payment (id, request_id, bill_id, amount, paid_at) VALUES (?, ?, ?, ?, ?)", arguments: [
                UtilitiesService.paymentID(for: requestID).lowercasedString, requestID.lowercasedString, paidID,
                unpaid[0].charges.total, "2025-10-15 03:00:00.000",
            ])
            try db.execute(sql: "UPDATE utilities_bill SET status = 'paid', paid_channel = 'station', paid_at = '2025-10-15 03:00:00.000' WHERE id = ?",
                           arguments: [paidID])
        }

        try migrator.migrate(queue)
        try queue.read { db in
            #expect(try !db.tableExists("utilities_bill"))
            let customers = try Row.fetchAll(db, sql: "SELECT kind, customer_key, first_period FROM utilities_customer ORDER BY kind")
            #expect(customers.map { $0[2] as String } == [payer, looker].map { directory.bills(for: $0, anchor: anchor)[0].period.description })
            let payments = try Row.fetchAll(db, sql: "SELECT period, bill_id, request_id, amount, vat, total FROM utilities_payment")
            #expect(payments.count == 1)
            #expect(payments.first?[0] == unpaid[0].period.description && payments.first?[1] == paidID)
            #expect(payments.first?[2] == requestID.lowercasedString)
            #expect(payments.first?[3] == unpaid[0].charges.amount && payments.first?[4] == unpaid[0].charges.vat)
            #expect(payments.first?[5] == unpaid[0].charges.total)
        }

        // The service reads what was carried over: the same bills, the paid one paid at the station.
        let lookup = try #require(try handle("utilities.electricity.lookup", payload(payer), in: queue).lookup)
        let expected = directory.bills(for: payer, anchor: anchor)
        #expect(lookup.bills.map(\.period) == expected.map(\.period))
        #expect(lookup.bills.map(\.charges) == expected.map(\.charges))
        #expect(lookup.bills.first { $0.billID == paidID }?.paidChannel == .station)
        #expect(lookup.bills.first { $0.billID == paidID }?.paidAt == testNow)
        #expect(lookup.unpaidCount == unpaid.count - 1)
        let looked = try #require(try handle("utilities.water.lookup", payload(looker), in: queue).lookup)
        #expect(looked.bills.map(\.period) == directory.bills(for: looker, anchor: anchor).map(\.period))
        // The same request id pays once; the next pays the next bill.
        let replay = try #require(try handle("utilities.electricity.pay", payload(payer), requestID: requestID, in: queue).payment)
        #expect(replay.replayed && replay.bill.billID == paidID && replay.amountPaid == unpaid[0].charges.total)
        let next = try #require(try handle("utilities.electricity.pay", payload(payer), in: queue).payment)
        #expect(!next.replayed && next.bill.period == unpaid[1].period)
    }

    /// utilities.v4's tables keep their rules, without the three-value `IN` lists that SQLite
    /// evaluates with a temporary B-tree built on every insert.
    @Test func tablesHoldTheirRulesWithoutATemporaryBTreePerInsert() throws {
        let queue = try makeDatabase()
        for (sql, count) in [(UtilitiesService.insertPaymentSQL, 12), (UtilitiesService.insertCustomerSQL, 3)] {
            let opcodes = try queue.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN " + sql, arguments: StatementArguments(Array(repeating: nil as String?, count: count)))
                    .map { $0["opcode"] as String }
            }
            #expect(opcodes.contains("Insert") || opcodes.contains("IdxInsert"))
            #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
        }

        let customer = { (kind: String, key: String, period: String) in
            try queue.write { db in
                try db.execute(sql: UtilitiesService.insertCustomerSQL, arguments: [kind, key, period])
                return db.changesCount
            }
        }
        #expect(try customer("water", "13051234567", "2025-08") == 1)
        #expect(try customer("telecom", "key", "2025-09") == 1)
        #expect(throws: DatabaseError.self) { try customer("gas", "x", "2025-08") }
        #expect(throws: DatabaseError.self) { try customer("water", "y", "August") }
        // One row per customer: a known customer keeps the period it was first shown.
        #expect(try customer("water", "13051234567", "2025-09") == 0)
        #expect(try queue.read { db in
            try String.fetchOne(db, sql: "SELECT first_period FROM utilities_customer WHERE kind = 'water' AND customer_key = '13051234567'")
        } == "2025-08")

        let payment = { (kind: String, key: String, period: String, requestID: String, total: Int64) in
            try queue.write { db in
                try db.execute(sql: UtilitiesService.insertPaymentSQL, arguments: [
                    kind, key, period, "payment-\(requestID)", requestID, "bill-\(period)", 10, 1_000, 80, 0, total, 0,
                ])
                return db.changesCount
            }
        }
        #expect(try payment("water", "13051234567", "2025-08", "r1", 1_080) == 1)
        // The same bill or the same request id again: nothing inserted (the service replays or refuses).
        #expect(try payment("water", "13051234567", "2025-08", "r2", 1_080) == 0)
        #expect(try payment("water", "13051234567", "2025-09", "r1", 1_080) == 0)
        #expect(throws: DatabaseError.self) { try payment("water", "13051234567", "2025-09", "r3", 1_081) }  // total
        #expect(throws: DatabaseError.self) { try payment("water", "unknown", "2025-09", "r4", 1_080) }  // no customer
        #expect(throws: DatabaseError.self) { try payment("gas", "13051234567", "2025-09", "r5", 1_080) }
        #expect(throws: DatabaseError.self) { try payment("water", "13051234567", "2025-9", "r6", 1_080) }
    }
}
