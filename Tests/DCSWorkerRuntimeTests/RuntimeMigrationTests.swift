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

    @Test func seenNoncesAreKeyedByTimeAndStillCatchAReplayAfterTheRebuild() throws {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        PartitionStore.registerRuntimeMigrations(&migrator)
        try migrator.migrate(queue, upTo: "runtime.v4")
        let seen = [(1_790_000_000_000, "st-27097-01-2026a", "0123456789abcdef0123456789abcdef"),
                    (1_790_000_000_500, "st-26740-01-2026a", "fedcba9876543210fedcba9876543210")]
        try queue.write { db in
            for (at, key, nonce) in seen {
                try db.execute(sql: "INSERT INTO seen_nonce (key_id, nonce, signed_at_ms) VALUES (?, ?, ?)", arguments: [key, nonce, at])
            }
        }
        try migrator.migrate(queue)
        try queue.write { db in
            #expect(try Row.fetchAll(db, sql: "SELECT signed_at_ms, key_id, nonce FROM seen_nonce").count == 2)
            #expect(try db.primaryKey("seen_nonce").columns == ["signed_at_ms", "key_id", "nonce"])
            let declaredIndexes = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'seen_nonce' AND sql IS NOT NULL"
            #expect(try Int.fetchOne(db, sql: declaredIndexes) == 0, "no second B-tree to insert into")
            // What the processor runs: the same signed message again inserts nothing.
            let insert = "INSERT OR IGNORE INTO seen_nonce (signed_at_ms, key_id, nonce) VALUES (?, ?, ?)"
            try db.execute(sql: insert, arguments: [seen[0].0, seen[0].1, seen[0].2])
            #expect(db.changesCount == 0)
            try db.execute(sql: insert, arguments: [seen[0].0, seen[0].1, "00000000000000000000000000000000"])
            #expect(db.changesCount == 1)
            // Forgetting expired nonces walks the key's start instead of scanning the table.
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN DELETE FROM seen_nonce WHERE signed_at_ms < ?", arguments: [1_790_000_000_100])
                .map { $0["detail"] as String }
            #expect(plan.joined().contains("PRIMARY KEY"), "\(plan)")
            try db.execute(sql: "DELETE FROM seen_nonce WHERE signed_at_ms < ?", arguments: [1_790_000_000_100])
            #expect(try String.fetchAll(db, sql: "SELECT nonce FROM seen_nonce") == ["fedcba9876543210fedcba9876543210"])
        }
    }
}
