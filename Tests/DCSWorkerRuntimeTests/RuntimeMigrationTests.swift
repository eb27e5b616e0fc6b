import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// Shipped runtime migrations are never edited; later ones carry the earlier ones' rows over.
@Suite("Runtime migrations")
struct RuntimeMigrationTests {
    private static let columns = "request_id, source_offset, service_id, status, result, processed_at, reply_partition, traceparent"

    @Test func answersStoredBeforeTheRowidRebuildSurviveItAndStayUnique() throws {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        PartitionStore.registerRuntimeMigrations(&migrator)
        try migrator.migrate(queue, upTo: "runtime.v3")
        try queue.write { db in
            for (offset, id) in [(7, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), (3, "11111111-2222-4333-8444-555555555555")] {
                try db.execute(
                    sql: "INSERT INTO processed_request (\(Self.columns)) VALUES (?, ?, 'utilities.water.pay', 'succeeded', ?, 1.5, ?, ?)",
                    arguments: [id, offset, Data("{\"offset\":\(offset)}".utf8), offset == 7 ? 4 : nil, offset == 7 ? "00-trace" : nil]
                )
            }
        }
        let dump = { (db: Database) in try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM processed_request ORDER BY request_id") }
        let before = try queue.read(dump)
        #expect(before.count == 2)

        try migrator.migrate(queue)
        #expect(try queue.read(dump) == before)
        try queue.read { db in
            // Appended in source order, the wide rows in a rowid table; request ids in a narrow index.
            #expect(try db.columns(in: "processed_request").first?.name == "id")
            #expect(try Int64.fetchAll(db, sql: "SELECT source_offset FROM processed_request ORDER BY id") == [3, 7])
            #expect(try db.indexes(on: "processed_request").contains { $0.columns == ["source_offset"] })
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT result FROM processed_request WHERE request_id = ?", arguments: ["x"])
                .map { $0["detail"] as String }
            #expect(plan.joined().contains("USING INDEX"), "\(plan)")
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(
                    sql: "INSERT INTO processed_request (\(Self.columns)) VALUES ('11111111-2222-4333-8444-555555555555', 9, 's', 'succeeded', x'00', 2, NULL, NULL)"
                )
            }
        }
    }
}
