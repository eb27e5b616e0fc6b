@testable import DCSWorkerRuntime
import GRDB
import Testing

/// The per-request savepoint: a handler that fails half-way leaves nothing behind, the batch's
/// other writes stay, and the cached statements work for every request of a batch.
@Suite("Request savepoint")
struct RequestSavepointTests {
    struct HalfWay: Error {}

    @Test func aFailedRequestLeavesNothingAndTheBatchGoesOn() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE effect (request INTEGER NOT NULL, step INTEGER NOT NULL)") }
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for request in 0..<300 {
                    do {
                        try db.inRequestSavepoint {
                            try db.execute(sql: "INSERT INTO effect VALUES (?, 1)", arguments: [request])
                            if request % 3 == 1 { throw HalfWay() }
                            try db.execute(sql: "INSERT INTO effect VALUES (?, 2)", arguments: [request])
                        }
                    } catch is HalfWay {}
                }
                return .commit
            }
        }
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT request, step FROM effect ORDER BY request, step") }
        #expect(rows.count == 200 * 2)
        #expect(rows.allSatisfy { ($0["request"] as Int) % 3 != 1 })
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM effect WHERE step = 2") } == 200)
    }

    @Test func theValueOfTheBodyIsReturned() throws {
        let queue = try DatabaseQueue()
        let value = try queue.write { db in try db.inRequestSavepoint { try Int.fetchOne(db, sql: "SELECT 6 * 7") } }
        #expect(value == 42)
    }
}
