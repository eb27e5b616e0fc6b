import GRDB
import Synchronization

/// The schema a partition database has once every migration ran, captured from an in-memory
/// database migrated the ordinary way and written into a new file in one transaction.
///
/// A new partition file used to run each migration in turn (the runtime's and the handler's,
/// ten for utilities), each in its own transaction with its own foreign-key check: about 17 ms
/// of CPU per partition in a release build and about 20 ms of wall time in a debug one (several
/// times that with the test suite running beside it), one partition after the other while the
/// worker starts or takes partitions over. The migrations stay the single source of the schema:
/// the template is whatever they produce, the file records them as applied, and files created
/// before keep migrating as before.
struct PartitionSchemaTemplate: Sendable {
    /// `CREATE` statements as `sqlite_master` holds them: tables first, then indexes, triggers
    /// and views, each group in creation order.
    let statements: [String]
    /// Identifiers the migrator records as applied, in order.
    let appliedMigrations: [String]

    /// Migrates an in-memory database with `migrator` and reads its schema back; `nil` when a
    /// migration left rows in a table (a template carries no data, so such files migrate).
    static func capture(_ migrator: DatabaseMigrator) throws -> PartitionSchemaTemplate? {
        let queue = try DatabaseQueue()
        try migrator.migrate(queue)
        return try queue.read { db in
            let objects = try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT GLOB 'sqlite_*'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, rowid
                """)
            for object in objects where object["type"] as String == "table" {
                let name: String = object["name"]
                guard name != "grdb_migrations" else { continue }
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(name.quotedDatabaseIdentifier))") == true { return nil }
            }
            return PartitionSchemaTemplate(
                statements: objects.map { $0["sql"] },
                appliedMigrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            )
        }
    }

    /// The template of `migrator`, captured the first time it is asked for in this process.
    static func cached(for migrator: DatabaseMigrator) throws -> PartitionSchemaTemplate? {
        let key = migrator.migrations
        if let known = cache.withLock({ $0[key] }) { return known }
        let captured = try capture(migrator)
        cache.withLock { $0[key] = .some(captured) }
        return captured
    }

    /// Templates by the migrations' identifiers (every handler of one kind registers the same).
    private static let cache = Mutex<[[String]: PartitionSchemaTemplate?]>([:])

    /// Writes the schema into `db` if it has no schema yet; returns whether it did. The check
    /// and the writes share one immediate transaction: a second process opening the same new
    /// file waits for the first and then finds the schema in place.
    func installIfEmpty(_ db: Database) throws -> Bool {
        var installed = false
        try db.inTransaction(.immediate) {
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 else { return .commit }
            for statement in statements { try db.execute(sql: statement) }
            for identifier in appliedMigrations {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
            }
            installed = true
            return .commit
        }
        return installed
    }
}
