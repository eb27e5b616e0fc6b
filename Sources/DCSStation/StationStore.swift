import DCSMessages
import Foundation
import GRDB

/// The station's local SQLite database, and the only code that touches it: the outbox of
/// requests, the results received, and the position reached on the reply partition.
///
/// A request is written here before anything is sent, so a kiosk that loses its network or its
/// power loses nothing: on the next start the outbox is sent again, in order, with the same
/// request ids and bytes. A result is stored, with the reply position after it, in one
/// transaction, so an answer that arrives while nobody waits is not lost and is not read twice.
///
/// Tables (named migrations `station.v1.outbox`, `station.v1.results`):
/// - `outbox(seq, request_id UNIQUE, service_id, topic, message_key, value, traceparent,
///   created_at, attempts, sent_at, sent_partition, sent_offset)`, `sent_at` NULL while waiting;
/// - `result(request_id PRIMARY KEY, status, value, received_at, source_partition, source_offset)`;
/// - `reply_position(topic, partition, next_offset)`: the next offset to read.
///
/// `Sendable`: GRDB's writers (`DatabasePool`, `DatabaseQueue`) are thread-safe.
public final class StationStore: Sendable {
    private let writer: any DatabaseWriter
    /// The file, or `nil` in memory.
    public let path: String?

    private init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating and migrating as needed) the outbox file: WAL mode through a `DatabasePool`.
    public static func open(path: String) throws(StationError) -> StationStore {
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // FULL: a request the citizen was told is saved survives a power cut, not only a crash.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            try migrator.migrate(pool)
            return StationStore(writer: pool, path: url.path)
        } catch {
            throw StationError(code: .storage, message: "cannot open the station outbox at \(path): \(error)")
        }
    }

    /// An in-memory store (`DatabaseQueue`), for tests.
    public static func inMemory() throws(StationError) -> StationStore {
        do {
            let queue = try DatabaseQueue()
            try migrator.migrate(queue)
            return StationStore(writer: queue, path: nil)
        } catch {
            throw StationError(code: .storage, message: "cannot create an in-memory station outbox: \(error)")
        }
    }

    /// Opens the store a configuration names.
    public static func open(_ location: StationConfiguration.OutboxLocation) throws(StationError) -> StationStore {
        switch location {
        case .file(let path): try open(path: path)
        case .inMemory: try inMemory()
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("station.v1.outbox") { db in
            try db.execute(sql: """
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_id TEXT NOT NULL UNIQUE,
                    station_id TEXT NOT NULL,
                    service_id TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    message_key TEXT NOT NULL,
                    value BLOB NOT NULL,
                    traceparent TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    sent_at REAL,
                    sent_partition INTEGER,
                    sent_offset INTEGER
                );
                CREATE INDEX outbox_waiting ON outbox (seq) WHERE sent_at IS NULL;
                """)
        }
        migrator.registerMigration("station.v1.results") { db in
            try db.execute(sql: """
                CREATE TABLE result (
                    request_id TEXT PRIMARY KEY,
                    status TEXT NOT NULL,
                    value BLOB NOT NULL,
                    received_at REAL NOT NULL,
                    source_partition INTEGER NOT NULL,
                    source_offset INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE reply_position (
                    topic TEXT NOT NULL,
                    partition INTEGER NOT NULL,
                    next_offset INTEGER NOT NULL,
                    PRIMARY KEY (topic, partition)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    private func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StationError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw StationError(code: .storage, message: "cannot \(what): \(error)")
        }
    }

    private func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) throws(StationError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StationError(code: .storage, message: "cannot \(what): \(error)")
        }
    }

    // MARK: outbox

    /// Appends a request to the outbox and returns it with its sequence number.
    public func append(
        requestID: UUID, stationID: StationID, serviceID: ServiceID, topic: String, key: String, value: Data,
        traceparent: String, createdAt: Date
    ) async throws(StationError) -> OutboxEntry {
        let sequence = try await write("write the request to the outbox") { db in
            try db.execute(
                sql: """
                INSERT INTO outbox (request_id, station_id, service_id, topic, message_key, value, traceparent, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [requestID.lowercasedString, stationID.rawValue, serviceID.rawValue, topic, key, value, traceparent,
                            createdAt.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
        return OutboxEntry(sequence: sequence, requestID: requestID, stationID: stationID, serviceID: serviceID, topic: topic, key: key,
                           value: value, traceparent: traceparent, createdAt: createdAt)
    }

    /// Rows not yet acknowledged by the broker, oldest first.
    public func waiting(limit: Int = .max) throws(StationError) -> [OutboxEntry] {
        try read("read the outbox") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?", arguments: [limit])
                .map(Self.entry)
        }
    }

    /// Every row, oldest first (inspection and tests).
    public func entries() throws(StationError) -> [OutboxEntry] {
        try read("read the outbox") { db in try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY seq").map(Self.entry) }
    }

    /// The row of a request, if it was submitted here.
    public func entry(for requestID: UUID) throws(StationError) -> OutboxEntry? {
        try read("read the outbox") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE request_id = ?", arguments: [requestID.lowercasedString]).map(Self.entry)
        }
    }

    /// Number of rows waiting to be sent.
    public func waitingCount() throws(StationError) -> Int {
        try read("count the outbox") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL") ?? 0 }
    }

    /// Counts a publish attempt of these rows (before they are handed to the producer).
    func recordAttempt(_ sequences: [Int64]) async throws(StationError) {
        guard !sequences.isEmpty else { return }
        try await write("count a publish attempt") { db in
            try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1 WHERE seq IN (\(databaseQuestionMarks(count: sequences.count)))",
                           arguments: StatementArguments(sequences))
        }
    }

    /// Marks rows acknowledged by the broker, with where it stored them.
    func markSent(_ deliveries: [(sequence: Int64, partition: Int32, offset: Int64)], at date: Date) async throws(StationError) {
        guard !deliveries.isEmpty else { return }
        let rows = deliveries.map { [$0.sequence, Int64($0.partition), $0.offset] }
        try await write("mark requests sent") { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE outbox SET sent_at = ?, sent_partition = ?, sent_offset = ? WHERE seq = ? AND sent_at IS NULL")
            for row in rows {
                try statement.execute(arguments: [date.timeIntervalSince1970, row[1], row[2], row[0]])
            }
        }
    }

    /// Puts a sent row back in the queue, as if the process had crashed between the broker's
    /// acknowledgement and the write that records it (tests of the resend path).
    func markWaiting(_ requestID: UUID) async throws(StationError) {
        try await write("mark a request waiting") { db in
            try db.execute(sql: "UPDATE outbox SET sent_at = NULL, sent_partition = NULL, sent_offset = NULL WHERE request_id = ?",
                           arguments: [requestID.lowercasedString])
        }
    }

    private static func entry(_ row: Row) throws -> OutboxEntry {
        let id: String = row["request_id"]
        let station: String = row["station_id"]
        let service: String = row["service_id"]
        guard let requestID = UUID(uuidString: id), let stationID = StationID(rawValue: station), let serviceID = ServiceID(rawValue: service) else {
            throw StationError(code: .storage, message: "outbox row \(row["seq"] as Int64) is corrupt")
        }
        let sentAt: Double? = row["sent_at"]
        return OutboxEntry(
            sequence: row["seq"], requestID: requestID, stationID: stationID, serviceID: serviceID, topic: row["topic"],
            key: row["message_key"], value: row["value"], traceparent: row["traceparent"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), attempts: row["attempts"],
            sentAt: sentAt.map(Date.init(timeIntervalSince1970:)))
    }

    // MARK: results and reply position

    /// Stores a result of this station and moves the reply position past it, in one transaction.
    ///
    /// The first result of a request stands, with one exception: an `under_review` result is
    /// provisional (the request was dead-lettered) and gives way to the final answer that a
    /// replay brings.
    /// - Returns: `false` when the result changed nothing (a repeat, or anything after a final answer).
    @discardableResult
    func storeResult(
        _ result: ResultEnvelope, value: Data, topic: String, partition: Int32, offset: Int64, at date: Date
    ) async throws(StationError) -> Bool {
        let id = result.requestID.lowercasedString
        let status = result.status.rawValue
        return try await write("store a result") { db in
            try db.execute(
                sql: """
                INSERT INTO result (request_id, status, value, received_at, source_partition, source_offset)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(request_id) DO UPDATE SET
                    status = excluded.status, value = excluded.value, received_at = excluded.received_at,
                    source_partition = excluded.source_partition, source_offset = excluded.source_offset
                WHERE result.status = ? AND excluded.status <> ?
                """,
                arguments: [id, status, value, date.timeIntervalSince1970, Int64(partition), offset, Self.underReview, Self.underReview])
            let inserted = db.changesCount > 0
            try Self.advance(db, topic: topic, partition: partition, to: offset + 1)
            return inserted
        }
    }

    /// The status of a provisional answer (``ResultStatus/underReview``).
    static let underReview = ResultStatus.underReview.rawValue

    /// The stored result of a request.
    public func result(for requestID: UUID) throws(StationError) -> ResultEnvelope? {
        let data: Data? = try read("read a result") { db in
            try Data.fetchOne(db, sql: "SELECT value FROM result WHERE request_id = ?", arguments: [requestID.lowercasedString])
        }
        guard let data else { return nil }
        do {
            return try ResultEnvelope.decode(data)
        } catch {
            throw StationError(code: .storage, message: "stored result of \(requestID.lowercasedString) is unreadable: \(error.code.rawValue)", requestID: requestID)
        }
    }

    /// Number of results stored.
    public func resultCount() throws(StationError) -> Int {
        try read("count results") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result") ?? 0 }
    }

    /// What a purge removed.
    public struct PurgeReport: Sendable, Equatable {
        /// Requests answered with a final result before the cutoff: outbox row and result.
        public var answered: Int
        /// Requests sent before the cutoff that never got an answer (e.g. refused by a worker's
        /// security checks, which answer nothing): outbox row only.
        public var unanswered: Int
        /// Results without an outbox row (another process's requests, or rows purged before),
        /// received before the cutoff.
        public var orphanResults: Int
    }

    /// Forgets what no longer needs keeping, so a kiosk's file does not grow for ever: requests
    /// answered with a final result before `cutoff` (row and result), requests sent before
    /// `cutoff` and never answered, and stray results older than `cutoff`.
    ///
    /// Kept whatever their age: requests still waiting to be sent (a citizen's request that has
    /// not gone out), provisional `under_review` answers (staff may still answer them), and the
    /// reply position.
    @discardableResult
    public func purge(before cutoff: Date) async throws(StationError) -> PurgeReport {
        let limit = cutoff.timeIntervalSince1970
        let review = Self.underReview
        return try await write("purge old requests") { db in
            try db.execute(
                sql: """
                DELETE FROM outbox WHERE sent_at IS NOT NULL AND request_id IN (
                    SELECT request_id FROM result WHERE received_at < ? AND status <> ?)
                """,
                arguments: [limit, review])
            let answered = db.changesCount
            try db.execute(
                sql: """
                DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?
                    AND NOT EXISTS (SELECT 1 FROM result WHERE result.request_id = outbox.request_id)
                """,
                arguments: [limit])
            let unanswered = db.changesCount
            try db.execute(
                sql: """
                DELETE FROM result WHERE received_at < ? AND status <> ?
                    AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.request_id = result.request_id)
                """,
                arguments: [limit, review])
            return PurgeReport(answered: answered, unanswered: unanswered, orphanResults: db.changesCount - answered)
        }
    }

    /// The next offset to read on a partition, if one was saved.
    public func replyPosition(topic: String, partition: Int32) throws(StationError) -> Int64? {
        try read("read the reply position") { db in
            try Int64.fetchOne(db, sql: "SELECT next_offset FROM reply_position WHERE topic = ? AND partition = ?",
                               arguments: [topic, Int64(partition)])
        }
    }

    /// Saves the next offset to read; never moves it backwards.
    func saveReplyPosition(topic: String, partition: Int32, next: Int64) async throws(StationError) {
        try await write("save the reply position") { db in try Self.advance(db, topic: topic, partition: partition, to: next) }
    }

    private static func advance(_ db: Database, topic: String, partition: Int32, to next: Int64) throws {
        try db.execute(
            sql: """
            INSERT INTO reply_position (topic, partition, next_offset) VALUES (?, ?, ?)
            ON CONFLICT(topic, partition) DO UPDATE SET next_offset = MAX(next_offset, excluded.next_offset)
            """,
            arguments: [topic, Int64(partition), next])
    }
}
