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

    /// utilities.v5 keeps every payment and every rule, in a rowid table appended in the order paid.
    @Test func paymentsSurviveTheRowidRebuildInTheOrderPaid() throws {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        UtilitiesService.registerMigrations(&migrator)
        try migrator.migrate(queue, upTo: "utilities.v4")
        let columns = "kind, customer_key, period, id, request_id, bill_id, consumption, amount, vat, environment_fee, total, paid_at"
        // In the bill key's order the later payment comes first.
        let stored: [[DatabaseValueConvertible?]] = [
            ["electricity", "PE0400000002", "2025-09", "p-2", "r-2", "EVN-PE0400000002-2025-09", 120, 200_000, 16_000, 0, 216_000, "2025-10-01 08:00:00.000"],
            ["electricity", "PE0400000002", "2025-10", "p-3", "r-3", "EVN-PE0400000002-2025-10", 130, 210_000, 16_800, 0, 226_800, "2025-10-20 08:00:00.000"],
            ["water", "13051234567", "2025-09", "p-1", "r-1", "SAWACO-13051234567-2025-09", 9, 60_000, 3_000, 6_000, 69_000, "2025-09-20 08:00:00.000"],
        ]
        try queue.write { db in
            for (kind, key) in [("electricity", "PE0400000002"), ("water", "13051234567")] {
                try db.execute(sql: "INSERT INTO utilities_customer (kind, customer_key, first_period) VALUES (?, ?, '2025-08')", arguments: [kind, key])
            }
            for row in stored {
                try db.execute(sql: "INSERT INTO utilities_payment (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: StatementArguments(row))
            }
        }
        let dump = { (db: Database) in try Row.fetchAll(db, sql: "SELECT \(columns) FROM utilities_payment ORDER BY request_id") }
        let before = try queue.read(dump)
        #expect(before.count == 3)

        try migrator.migrate(queue)
        try queue.read { db in
            #expect(try dump(db) == before)
            // A rowid table (a WITHOUT ROWID one has no rowid to select), appended in the order paid.
            #expect(try String.fetchAll(db, sql: "SELECT request_id FROM utilities_payment ORDER BY rowid") == ["r-1", "r-2", "r-3"])
            // A customer's payments come from the bill-key index, already in period order.
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + UtilitiesService.stationPaymentsSQL, arguments: ["electricity", "PE0400000002"])
                .map { $0["detail"] as String }.joined(separator: "; ")
            #expect(plan.contains("USING INDEX") && !plan.contains("TEMP B-TREE"), "\(plan)")
            #expect(try Row.fetchAll(db, sql: UtilitiesService.stationPaymentsSQL, arguments: ["electricity", "PE0400000002"])
                .map { $0["period"] as String } == ["2025-09", "2025-10"])
        }
        // The bill key and the request id still refuse a second payment.
        try queue.write { db in
            try db.execute(sql: UtilitiesService.insertPaymentSQL, arguments: StatementArguments(
                ["electricity", "PE0400000002", "2025-10", "p-4", "r-4", "EVN-PE0400000002-2025-10", 130, 210_000, 16_800, 0, 226_800, "2025-11-01 08:00:00.000"]))
            #expect(db.changesCount == 0)
            try db.execute(sql: UtilitiesService.insertPaymentSQL, arguments: StatementArguments(
                ["water", "13051234567", "2025-10", "p-5", "r-1", "SAWACO-13051234567-2025-10", 9, 60_000, 3_000, 6_000, 69_000, "2025-11-01 08:00:00.000"]))
            #expect(db.changesCount == 0)
        }
    }
}
