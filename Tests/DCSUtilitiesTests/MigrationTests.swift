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

    private static func dump(_ db: Database) throws -> (bills: [Row], payments: [Row]) {
        (try Row.fetchAll(db, sql: "SELECT * FROM utilities_bill ORDER BY id"), try Row.fetchAll(db, sql: "SELECT * FROM utilities_payment ORDER BY id"))
    }
}
