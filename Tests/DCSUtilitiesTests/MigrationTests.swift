import DCSDomain
import Foundation
import GRDB
import Testing
@testable import DCSUtilities

/// Shipped migrations are never edited; later ones must carry the data of earlier ones over.
@Suite("Utilities migrations")
struct MigrationTests {
    @Test func billsAndPaymentsWrittenByTheFirstReleaseSurviveTheLaterMigrations() throws {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        UtilitiesService.registerMigrations(&migrator)
        try migrator.migrate(queue, upTo: "utilities.v1")
        // A database as a worker of the previous release left it: a customer with two unpaid
        // bills pays one.
        let directory = testService.directory
        let customer = try #require(directory.customers(.electricity).first { customer in
            directory.bills(for: customer, anchor: BillingPeriod("2025-10")!).filter { !$0.paidElsewhere }.count >= 2
        })
        let paid = try #require(try handle("utilities.electricity.pay", payload(customer), in: queue).payment)
        let before = try queue.read { db in try Self.dump(db) }
        #expect(before.bills.count >= 2 && before.payments.count == 1)

        try migrator.migrate(queue)
        let after = try queue.read { db in try Self.dump(db) }
        #expect(after.bills == before.bills)
        #expect(after.payments == before.payments)
        // Keys and constraints still hold.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO utilities_payment (id, request_id, bill_id, amount, paid_at) VALUES ('x', 'y', 'no-such-bill', 1, 0)")
            }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "UPDATE utilities_bill SET total = total + 1 WHERE id = ?", arguments: [paid.bill.billID])
            }
        }
        // And the service still reads and pays: the same request id pays once, the next pays the next bill.
        let replay = try #require(try handle("utilities.electricity.pay", payload(customer), requestID: paid.requestID, in: queue).payment)
        #expect(replay.replayed && replay.bill.billID == paid.bill.billID)
        let next = try #require(try handle("utilities.electricity.pay", payload(customer), in: queue).payment)
        #expect(!next.replayed && next.bill.billID != paid.bill.billID && next.bill.period > paid.bill.period)
    }

    /// utilities.v3 rewrote the bill table's CHECKs without three-value `IN` lists, which SQLite
    /// evaluates with a temporary B-tree built on every insert. The rules themselves still hold.
    @Test func billChecksHoldWithoutATemporaryBTreePerInsert() throws {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        UtilitiesService.registerMigrations(&migrator)
        try migrator.migrate(queue)
        let opcodes = try queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN " + UtilitiesService.materialiseBillSQL, arguments: StatementArguments(Array(repeating: nil as String?, count: 13)))
                .map { $0["opcode"] as String }
        }
        #expect(opcodes.contains("Insert"))
        #expect(!opcodes.contains("OpenEphemeral"))

        let insert = { (kind: String, status: String, channel: String?) in
            let id = "\(kind)-\(status)-\(channel ?? "none")"
            try queue.write { db in
                try db.execute(sql: UtilitiesService.materialiseBillSQL, arguments: [
                    "bill-\(id)", kind, "customer-\(id)", "2025-09", 100, nil, nil,
                    1_000, 80, 0, 1_080, status, channel,
                ])
            }
        }
        try insert("water", "unpaid", nil)
        try insert("telecom", "paid", "other_channel")
        try insert("electricity", "paid", "station")
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM utilities_bill") } == 3)
        #expect(throws: DatabaseError.self) { try insert("gas", "unpaid", nil) }
        #expect(throws: DatabaseError.self) { try insert("water", "overdue", nil) }
        #expect(throws: DatabaseError.self) { try insert("water", "paid", "cash") }
        #expect(throws: DatabaseError.self) { try insert("water", "unpaid", "station") }
        #expect(throws: DatabaseError.self) { try insert("water", "paid", nil) }
    }

    private static func dump(_ db: Database) throws -> (bills: [Row], payments: [Row]) {
        (try Row.fetchAll(db, sql: "SELECT * FROM utilities_bill ORDER BY id"), try Row.fetchAll(db, sql: "SELECT * FROM utilities_payment ORDER BY id"))
    }
}
