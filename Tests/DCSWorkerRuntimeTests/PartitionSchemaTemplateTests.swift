import DCSKafka
import DCSMessages
import DCSTestSupport
import DCSWorkers
import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// A new partition file gets its schema from a template of the migrations; it must be the schema
/// the migrations give, for every category, and files from before keep migrating.
@Suite("Partition schema template")
struct PartitionSchemaTemplateTests {
    private let scratch = TemporaryDirectory("dcs-template")

    /// Everything SQLite knows of the schema (the implicit indexes of keys and UNIQUE columns
    /// included), and the migrations recorded as applied.
    private static func schema(_ db: Database) throws -> [String] {
        let objects = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
            .map { "\($0["type"] as String) \($0["name"] as String) on \($0["tbl_name"] as String): \(($0["sql"] as String?) ?? "-")" }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        return objects + applied.map { "applied \($0)" }
    }

    private static func migrator(for handler: any RequestHandler) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        PartitionStore.registerRuntimeMigrations(&migrator)
        handler.registerMigrations(&migrator)
        return migrator
    }

    @Test(arguments: ServiceCategory.allCases)
    func aNewFileHasTheSchemaTheMigrationsGive(_ category: ServiceCategory) throws {
        let handler = RequestHandlers().handler(for: category)
        let migrator = Self.migrator(for: handler)
        let migrated = try DatabaseQueue()
        try migrator.migrate(migrated)

        let template = try #require(try PartitionSchemaTemplate.capture(migrator))
        let fresh = try DatabaseQueue()
        #expect(try fresh.writeWithoutTransaction { try template.installIfEmpty($0) })
        let expected = try migrated.read(Self.schema)
        #expect(try fresh.read(Self.schema) == expected)
        #expect(expected.contains { $0.hasPrefix("index sqlite_autoindex_") }, "implicit indexes are compared too")
        // Nothing left for the migrator to do, and a second install leaves the file alone.
        #expect(try fresh.read { try migrator.hasCompletedMigrations($0) })
        #expect(try fresh.writeWithoutTransaction { try template.installIfEmpty($0) } == false)
    }

    @Test func claimingANewFileInstallsTheTemplateAndAnOlderFileStillMigrates() throws {
        let handler = RequestHandlers().handler(for: .utilities)
        let partition = KafkaTopicPartition(topic: "dcs.requests.utilities", partition: 0)
        let expected = try DatabaseQueue()
        try Self.migrator(for: handler).migrate(expected)
        let expectedSchema = try expected.read(Self.schema)

        let fresh = try PartitionStore.claim(owner: "worker-a", partition: partition, url: scratch.appending("fresh.sqlite"), handler: handler)
        #expect(try fresh.pool.read(Self.schema) == expectedSchema)

        // A file created before the template, up to an older migration: claiming it migrates the rest.
        let olderURL = scratch.appending("older.sqlite")
        let older = try DatabaseQueue(path: olderURL.path)
        try Self.migrator(for: handler).migrate(older, upTo: "runtime.v3")
        try older.close()
        let claimed = try PartitionStore.claim(owner: "worker-a", partition: partition, url: olderURL, handler: handler)
        #expect(try claimed.pool.read(Self.schema) == expectedSchema)
    }

    /// A migration that seeds rows cannot be replaced by a schema: such handlers keep migrating.
    @Test func migrationsThatLeaveRowsAreNotTemplated() throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("seeded.v1") { db in
            try db.execute(sql: "CREATE TABLE tariff (tier INTEGER PRIMARY KEY, price INTEGER NOT NULL); INSERT INTO tariff VALUES (1, 1984)")
        }
        #expect(try PartitionSchemaTemplate.capture(migrator) == nil)

        var empty = DatabaseMigrator()
        empty.registerMigration("empty.v1") { db in try db.execute(sql: "CREATE TABLE tariff (tier INTEGER PRIMARY KEY, price INTEGER NOT NULL)") }
        #expect(try PartitionSchemaTemplate.capture(empty) != nil)
    }
}
