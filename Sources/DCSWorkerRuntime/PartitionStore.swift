import DCSKafka
import DCSSchema
import Foundation
import GRDB
import Logging

/// The SQLite database of one request-topic partition: the handler's domain tables, the
/// deduplication records, the outbox and the consumed position, all changed in one transaction
/// per batch.
///
/// One file per partition (not one per process) lets several processes of a category share the
/// partitions: whoever the group assigns a partition to claims its file. Ownership is fenced by an
/// epoch: claiming bumps it, and every write checks it first, inside the same write transaction,
/// so a process that lost a partition can no longer write its effects.
///
/// `Sendable`: GRDB's `DatabasePool` and `DatabaseQueue` are thread-safe; the claimed epoch is
/// immutable after `claim`; ``CheckpointGate`` is `Sendable`; ``WALWatch`` is `Sendable`.
final class PartitionStore: Sendable {
    let partition: KafkaTopicPartition
    let owner: String
    let pool: DatabasePool
    /// The epoch this process holds; set by ``claim(owner:partition:url:handler:cacheKiB:walAutocheckpointPages:checkpointGate:)``.
    let epoch: Int64
    /// Next offset to process, as stored; `nil` for a partition never processed here.
    let storedPosition: Int64?
    /// A connection of its own that copies committed WAL frames into the database file; see
    /// ``checkpointInBackground()``. Internal for tests, which hold it to keep a checkpoint running.
    let checkpointer: DatabaseQueue
    /// The WAL's size after the writer's last commit.
    private let walWatch: WALWatch
    /// WAL frames from which ``checkpointInBackground()`` starts a checkpoint.
    let checkpointPages: Int
    /// Held while a background checkpoint is under way; shared by the process's partitions.
    private let checkpointGate: CheckpointGate

    private init(
        partition: KafkaTopicPartition, owner: String, pool: DatabasePool, checkpointer: DatabaseQueue, walWatch: WALWatch,
        checkpointPages: Int, checkpointGate: CheckpointGate, epoch: Int64, storedPosition: Int64?
    ) {
        self.partition = partition
        self.owner = owner
        self.pool = pool
        self.checkpointer = checkpointer
        self.walWatch = walWatch
        self.checkpointPages = checkpointPages
        self.checkpointGate = checkpointGate
        self.epoch = epoch
        self.storedPosition = storedPosition
    }

    /// Frames in the WAL after the last commit.
    var walPages: Int { walWatch.pages }

    /// Once the WAL holds ``checkpointPages`` frames not yet copied into the database file,
    /// checkpoints it on the checkpointer's connection, off the lane's path; returns at once,
    /// `true` when it started one. The lane's next commits copy the few frames it could not (they
    /// were committed while it ran), so that the log starts over (``WALWatch``).
    ///
    /// SQLite's automatic checkpoint runs inside the commit that crosses the threshold: that batch
    /// (and every request queued behind it) waited while 8,000 pages were copied and the file
    /// synced. At 500 requests/s the p99 latency was 565 ms with it and 118 ms with no checkpoint
    /// during the run. A passive checkpoint on another connection copies frames while the lane
    /// goes on committing (it never takes the write lock); a checkpoint inside the commit stays as
    /// a bound at four times the threshold (``WALWatch``), should this one fall behind.
    ///
    /// Started by what is not yet copied, not by the log's size: a passive checkpoint cannot copy
    /// the frames committed while it runs, so under a steady load the log never started over,
    /// stayed over the threshold, and every batch started one more checkpoint (and its sync): 134
    /// checkpoints in one `dcs bench` run where 17 do, and a p99 of 330-1,000 ms at a fixed
    /// 2,300 requests/s (since: median 235 ms over 25 runs, 6 of them at 374-855). Not by the
    /// clock either: a checkpoint every 2 s cost 0-8 % more CPU per request. The process's
    /// partitions take turns (``CheckpointGate``).
    @discardableResult
    func checkpointInBackground() -> Bool {
        guard walWatch.unbackfilledPages >= checkpointPages else { return false }
        guard checkpointGate.tryEnter() else { return false }
        checkpointer.asyncWriteWithoutTransaction { [self] db in
            // Busy (another checkpoint under way) or failed: the next one, or the commit's own, copies.
            if let (_, copied) = try? db.checkpoint(.passive) { walWatch.checkpointed(copied: copied) }
            checkpointGate.leave()
        }
        return true
    }

    /// Returns once the background checkpoint under way, if any, has finished (the checkpointer
    /// is a serial queue).
    func waitForBackgroundCheckpoint() async throws {
        try await checkpointer.writeWithoutTransaction { _ in }
    }

    /// What the WAL file is truncated to after a checkpoint, by whichever connection ran it.
    static let walSizeLimitBytes = 64 * 1_024 * 1_024

    /// Opens (creating and migrating as needed) a partition's database and takes ownership of it.
    static func claim(
        owner: String, partition: KafkaTopicPartition, url: URL, handler: any RequestHandler,
        cacheKiB: Int = WorkerConfiguration.defaultDatabaseCacheKiB,
        walAutocheckpointPages: Int = WorkerConfiguration.defaultWALAutocheckpointPages,
        checkpointGate: CheckpointGate = CheckpointGate()
    ) throws(WorkerError) -> PartitionStore {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let walWatch = WALWatch(inlineCheckpointPages: walAutocheckpointPages * 4, catchUpPages: walAutocheckpointPages / 8)
            var configuration = Configuration()
            // Another process may hold the write lock briefly (a claim, a last batch before a revoke).
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // WAL + NORMAL: a commit survives a killed process (not a power cut) without an fsync per batch.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // See WorkerConfiguration.databaseCacheKiB and walAutocheckpointPages.
                try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
                // Checkpoints run in the background (checkpointInBackground()); the commit's own
                // is a bound. This replaces SQLite's automatic checkpoint.
                walWatch.install(on: db)
                try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimitBytes)")
                // Savepoint and statement journals (a batch re-applied with a savepoint per
                // request journals every page each request touches) outgrow SQLite's 64 KiB
                // in-memory default and would spill to a temporary file: a write system call per
                // page. Keep them, and other temporary structures, in memory.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            var migrator = DatabaseMigrator()
            registerRuntimeMigrations(&migrator)
            handler.registerMigrations(&migrator)
            // A new file gets the migrated schema in one transaction; an existing one migrates.
            if let template = try PartitionSchemaTemplate.cached(for: migrator) {
                _ = try pool.writeWithoutTransaction { db in try template.installIfEmpty(db) }
            }
            try migrator.migrate(pool)
            let (epoch, position) = try pool.writeWithoutTransaction { db in
                var result: (Int64, Int64?) = (0, nil)
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: """
                        INSERT INTO partition_state (id, topic, partition, next_offset, owner, epoch)
                        VALUES (1, ?, ?, NULL, ?, 0) ON CONFLICT(id) DO NOTHING
                        """,
                        arguments: [partition.topic, partition.partition, owner]
                    )
                    try db.execute(sql: "UPDATE partition_state SET owner = ?, epoch = epoch + 1 WHERE id = 1", arguments: [owner])
                    let row = try Row.fetchOne(db, sql: "SELECT epoch, next_offset FROM partition_state WHERE id = 1")!
                    result = (row["epoch"], row["next_offset"])
                    return .commit
                }
                return result
            }
            var checkpointConfiguration = Configuration()
            checkpointConfiguration.busyMode = .timeout(10)
            checkpointConfiguration.prepareDatabase { db in
                // The checkpoint syncs the database file; WAL is already the file's journal mode.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimitBytes)")
            }
            let checkpointer = try DatabaseQueue(path: url.path, configuration: checkpointConfiguration)
            return PartitionStore(
                partition: partition, owner: owner, pool: pool, checkpointer: checkpointer, walWatch: walWatch,
                checkpointPages: walAutocheckpointPages, checkpointGate: checkpointGate, epoch: epoch, storedPosition: position
            )
        } catch let error as WorkerError {
            throw error
        } catch {
            throw WorkerError(code: .storage, message: "cannot open state of \(partition) at \(url.path): \(error)")
        }
    }

    /// Throws ``WorkerError/Code/fenced`` unless this process still owns the partition.
    /// Call inside a write transaction, before writing anything.
    func checkOwnership(_ db: Database) throws {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT owner, epoch FROM partition_state WHERE id = 1"))
        let currentOwner: String? = row?["owner"]
        let currentEpoch: Int64? = row?["epoch"]
        guard currentOwner == owner, currentEpoch == epoch else {
            throw WorkerError(
                code: .fenced,
                message: "\(partition) is now owned by \(currentOwner ?? "nobody") (epoch \(currentEpoch ?? -1)); this process held epoch \(epoch)"
            )
        }
    }

    /// Records left in the outbox (by a previous owner or before a crash), oldest first.
    func pendingOutbox() throws -> [OutboxRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, topic, partition, key, value, headers FROM outbox ORDER BY id").map(OutboxRecord.init(row:))
        }
    }

    /// An answer stored for deduplication whose publication the broker has not acknowledged
    /// (as far as this partition's `published_offset` knows).
    struct UnpublishedResult: Sendable {
        var sourceOffset: Int64
        var result: Data
        var replyPartition: Int?
        var traceparent: String?
    }

    /// Answers committed at or after the partition's `published_offset`, in source order: those a
    /// previous owner (or this process before a crash) may not have published.
    func unpublishedResults() throws -> [UnpublishedResult] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source_offset, result, reply_partition, traceparent FROM processed_request
                WHERE source_offset >= IFNULL((SELECT published_offset FROM partition_state WHERE id = 1), -1)
                ORDER BY source_offset
                """
            ).map { row in
                UnpublishedResult(sourceOffset: row[0], result: row[1], replyPartition: row[2], traceparent: row[3])
            }
        }
    }

    /// Records what the broker acknowledged: delivered outbox rows are deleted, and every answer
    /// below `publishedThrough` (a source offset) is known published.
    func recordDelivery(deleting ids: [Int64], publishedThrough: Int64?) async throws {
        guard !ids.isEmpty || publishedThrough != nil else { return }
        try await pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try self.checkOwnership(db)
                try Self.recordDelivery(deleting: ids, publishedThrough: publishedThrough, db: db)
                return .commit
            }
        }
    }

    /// ``recordDelivery(deleting:publishedThrough:)`` inside the caller's transaction (a batch's).
    static func recordDelivery(deleting ids: [Int64], publishedThrough: Int64?, db: Database) throws {
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            try db.execute(sql: "DELETE FROM outbox WHERE id IN (\(databaseQuestionMarks(count: chunk.count)))", arguments: StatementArguments(Array(chunk)))
        }
        if let publishedThrough {
            // Never backwards: an older figure may arrive after a newer one was stored.
            try db.cachedStatement(sql: "UPDATE partition_state SET published_offset = max(IFNULL(published_offset, -1), ?) WHERE id = 1")
                .execute(arguments: [publishedThrough])
        }
    }

    /// Deletes up to `limit` of the oldest answers stored before `cutoff` (Unix seconds) and
    /// already published (below the partition's `published_offset`), inside the caller's
    /// transaction (a batch's). Returns how many went.
    ///
    /// Answers are appended in the order stored, so the expired ones are the first rows: one
    /// seek finds that the oldest is still young (nearly every batch), and a deletion reads only
    /// the first `limit` rows. If the oldest was stored with a clock set forward, deletion waits
    /// until it expires too; no answer goes early.
    @discardableResult
    static func forgetAnswers(storedBefore cutoff: Double, limit: Int, db: Database) throws -> Int {
        guard let oldest = try Double.fetchOne(db.cachedStatement(sql: "SELECT processed_at FROM processed_request ORDER BY id LIMIT 1")),
              oldest < cutoff
        else { return 0 }
        try db.cachedStatement(sql: """
            DELETE FROM processed_request WHERE id IN (
                SELECT id FROM processed_request
                WHERE id <= (SELECT max(id) FROM (SELECT id FROM processed_request ORDER BY id LIMIT ?))
                  AND processed_at < ?
                  AND source_offset < IFNULL((SELECT published_offset FROM partition_state WHERE id = 1), -1)
            )
            """).execute(arguments: [limit, cutoff])
        return db.changesCount
    }

    static func registerRuntimeMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("runtime.v1") { db in
            try db.execute(sql: """
                CREATE TABLE partition_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    topic TEXT NOT NULL,
                    partition INTEGER NOT NULL,
                    next_offset INTEGER,
                    owner TEXT NOT NULL,
                    epoch INTEGER NOT NULL
                );
                CREATE TABLE processed_request (
                    request_id TEXT PRIMARY KEY,
                    source_offset INTEGER NOT NULL,
                    service_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    result BLOB NOT NULL,
                    processed_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    topic TEXT NOT NULL,
                    partition INTEGER,
                    key BLOB,
                    value BLOB NOT NULL,
                    headers BLOB NOT NULL
                );
                """)
        }
        // Station nonces seen on this partition (a station's repeated message lands on the same
        // partition, by its key), kept for twice the freshness window.
        migrator.registerMigration("runtime.v2") { db in
            try db.execute(sql: """
                CREATE TABLE seen_nonce (
                    key_id TEXT NOT NULL,
                    nonce TEXT NOT NULL,
                    signed_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (key_id, nonce)
                ) WITHOUT ROWID;
                CREATE INDEX seen_nonce_by_age ON seen_nonce (signed_at_ms);
                """)
        }
        // An answer is stored once: its processed_request row serves deduplication and
        // publication alike, instead of a second copy in the outbox inserted and deleted for
        // every request. published_offset says up to which source offset the broker acknowledged
        // every answer; rows from before this migration were published through the outbox.
        migrator.registerMigration("runtime.v3") { db in
            try db.execute(sql: """
                ALTER TABLE processed_request ADD COLUMN reply_partition INTEGER;
                ALTER TABLE processed_request ADD COLUMN traceparent TEXT;
                CREATE INDEX processed_request_by_offset ON processed_request (source_offset);
                ALTER TABLE partition_state ADD COLUMN published_offset INTEGER;
                UPDATE partition_state SET published_offset = next_offset;
                """)
        }
        // Answers (several hundred bytes each) stored in a B-tree keyed by random request ids
        // filled pages a few rows at a time and split them all over the file: each batch dirtied
        // and logged to the WAL about one page per answer. In a rowid table they are appended in
        // order, and only the narrow request-id index takes random inserts: a micro-benchmark of
        // batches of 230 answers cost less than half the CPU per answer, with a third less WAL.
        // SQLite cannot change a table's key, so it is rebuilt (new, copy, drop, rename).
        migrator.registerMigration("runtime.v4") { db in
            try db.execute(sql: """
                CREATE TABLE processed_request_v4 (
                    id INTEGER PRIMARY KEY,
                    request_id TEXT NOT NULL UNIQUE,
                    source_offset INTEGER NOT NULL,
                    service_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    result BLOB NOT NULL,
                    processed_at REAL NOT NULL,
                    reply_partition INTEGER,
                    traceparent TEXT
                );
                INSERT INTO processed_request_v4
                    (request_id, source_offset, service_id, status, result, processed_at, reply_partition, traceparent)
                SELECT request_id, source_offset, service_id, status, result, processed_at, reply_partition, traceparent
                FROM processed_request ORDER BY source_offset;
                DROP TABLE processed_request;
                ALTER TABLE processed_request_v4 RENAME TO processed_request;
                CREATE INDEX processed_request_by_offset ON processed_request (source_offset);
                """)
        }
        // Seen nonces keyed by time first: each signed request added one row at a random place
        // in the (key id, nonce) key and one at the end of an age index, and the two inserts cost
        // a signed request more than its answer row. Keyed (signed_at_ms, key_id, nonce), a
        // nonce goes in at the end of one B-tree and expired ones leave from its start. A replay
        // repeats the signed instant with the nonce (the signature covers both), so it still
        // collides; the same nonce at another instant takes the station's key to sign and is a
        // new message, not a replay.
        migrator.registerMigration("runtime.v5") { db in
            try db.execute(sql: """
                CREATE TABLE seen_nonce_v5 (
                    signed_at_ms INTEGER NOT NULL,
                    key_id TEXT NOT NULL,
                    nonce TEXT NOT NULL,
                    PRIMARY KEY (signed_at_ms, key_id, nonce)
                ) WITHOUT ROWID;
                INSERT INTO seen_nonce_v5 (signed_at_ms, key_id, nonce) SELECT signed_at_ms, key_id, nonce FROM seen_nonce;
                DROP TABLE seen_nonce;
                ALTER TABLE seen_nonce_v5 RENAME TO seen_nonce;
                """)
        }
    }
}

extension OutboxRecord {
    init(row: Row) throws {
        let headerPairs = try JSONDecoder().decode([[String]].self, from: row["headers"] as Data)
        self.init(
            origin: .outbox(id: row["id"]),
            message: KafkaProducerMessage(
                topic: row["topic"],
                partition: (row["partition"] as Int64?).map { Int32($0) },
                key: row["key"] as Data?,
                value: row["value"],
                headers: headerPairs.compactMap { $0.count == 2 ? KafkaHeader(key: $0[0], string: $0[1]) : nil }
            )
        )
    }

    /// Inserts a message into the outbox and returns it with its id.
    static func insert(_ message: KafkaProducerMessage, db: Database) throws -> OutboxRecord {
        // The same `[["key", "value"], ...]` JSON as before, written directly: this runs for every
        // result, and JSONEncoder cost more than the insert itself.
        let headers = JSONValue.array(message.headers.map { .array([.string($0.key), .string($0.stringValue ?? "")]) }).jsonData()
        try db.cachedStatement(sql: "INSERT INTO outbox (topic, partition, key, value, headers) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [message.topic, message.partition.map { Int64($0) }, message.key, message.value, headers])
        return OutboxRecord(origin: .outbox(id: db.lastInsertedRowID), message: message)
    }
}
