import DCSCatalogue
import DCSKafka
import DCSMessages
import Foundation
import Logging

/// The dead letters of some categories and the replay log, read once into memory.
///
/// ``load(catalogue:client:categories:timeout:logger:)`` reads each `dcs.dlq.<category>` topic and
/// `dcs.dlq.replay-log` from the beginning up to their high watermarks at start, with a fresh
/// consumer (unique group id, no commits). A dead letter written twice for the same original (a
/// worker that republished its outbox after a crash) appears once.
public struct DeadLetterStore: Sendable {
    /// Every distinct dead letter read, by category, then DLQ partition and offset.
    public let deadLetters: [StoredDeadLetter]
    /// The replay log.
    public let replayLog: ReplayLogIndex
    /// Records on DLQ topics that are not dead-letter records (position and why, no content).
    public let unreadable: [UnreadableRecord]
    /// Extra copies of dead letters already listed (same original id), not shown again.
    public let duplicates: Int

    /// A DLQ record that could not be decoded.
    public struct UnreadableRecord: Sendable, Equatable, Codable {
        public var topic: String
        public var partition: Int
        public var offset: Int64
        /// The envelope error code (e.g. `envelope.malformed_json`).
        public var reason: String
    }

    /// Builds a store from records already in memory (tests, tools).
    public init(deadLetters: [StoredDeadLetter], replayLog: ReplayLogIndex, unreadable: [UnreadableRecord] = []) {
        var seen: Set<String> = []
        var kept: [StoredDeadLetter] = []
        for var letter in deadLetters where seen.insert(letter.id).inserted {
            letter.logEntry = replayLog.entry(for: letter.id)
            kept.append(letter)
        }
        self.deadLetters = kept
        self.duplicates = deadLetters.count - kept.count
        self.replayLog = replayLog
        self.unreadable = unreadable
    }

    /// Reads the DLQ topics of `categories` (all when empty) and the replay log.
    ///
    /// - Throws: ``DeadLetterError`` `dlq.topic_missing`, `dlq.read_failed` or `dlq.read_timed_out`.
    public static func load(
        catalogue: TopicCatalogue, client: KafkaClientConfiguration, categories: [ServiceCategory] = [],
        timeout: Duration = .seconds(30), logger: Logger
    ) async throws(DeadLetterError) -> DeadLetterStore {
        let chosen = categories.isEmpty ? ServiceCategory.allCases : ServiceCategory.allCases.filter(categories.contains)
        let dlqTopics = chosen.map { (catalogue.deadLetterTopic(for: $0).name, $0) }
        let logTopic = catalogue.replayLogTopic.name
        let reader = TopicSnapshotReader(client: client, timeout: timeout, logger: logger)
        let started = ContinuousClock.now
        let messages = try await reader.read(topics: dlqTopics.map(\.0) + [logTopic], lenient: Set(dlqTopics.map(\.0)))

        var entries: [ReplayLogEntry] = []
        var unreadableLog = 0
        for message in messages[logTopic] ?? [] {
            if let entry = try? ReplayLogEntry.decode(message.value) { entries.append(entry) } else { unreadableLog += 1 }
        }
        let log = ReplayLogIndex(entries: entries, unreadable: unreadableLog)

        var letters: [StoredDeadLetter] = []
        var unreadable: [UnreadableRecord] = []
        for (topic, category) in dlqTopics {
            for message in messages[topic] ?? [] {
                do {
                    let record = try DeadLetterRecord.decode(message.value)
                    letters.append(StoredDeadLetter(record: record, category: category, dlqTopic: topic, dlqPartition: Int(message.partition), dlqOffset: message.offset))
                } catch {
                    unreadable.append(UnreadableRecord(topic: topic, partition: Int(message.partition), offset: message.offset, reason: error.code.rawValue))
                }
            }
        }
        let store = DeadLetterStore(deadLetters: letters, replayLog: log, unreadable: unreadable)
        logger.info("Dead letters read", metadata: [
            "dlq.topics": "\(dlqTopics.map(\.0).joined(separator: ","))", "dlq.records": "\(store.deadLetters.count)",
            "dlq.unreadable": "\(unreadable.count)", "dlq.log_entries": "\(entries.count)",
            "dlq.read_time": "\(ContinuousClock.now - started)",
        ])
        return store
    }

    /// The dead letters matching `selector`; by default only pending ones (not replayed or purged).
    public func select(_ selector: DeadLetterSelector, includeHandled: Bool = false) -> [StoredDeadLetter] {
        deadLetters.filter { (includeHandled || $0.isPending) && selector.matches($0) }
    }

    /// The dead letters with this id (`topic:partition:offset` of the original) or request id,
    /// whatever their state.
    public func find(_ idOrRequestID: String) -> [StoredDeadLetter] {
        if let requestID = UUID(uuidString: idOrRequestID) {
            return deadLetters.filter { $0.requestID == requestID }
        }
        return deadLetters.filter { $0.id == idOrRequestID }
    }

    /// Counts of the pending dead letters matching `selector`.
    public func stats(_ selector: DeadLetterSelector = .all, now: Date = Date()) -> DeadLetterStats {
        var stats = DeadLetterStats(letters: select(selector), now: now)
        stats.excludedReplayed = deadLetters.filter { $0.state == .replayed && selector.matches($0) }.count
        stats.excludedPurged = deadLetters.filter { $0.state == .purged && selector.matches($0) }.count
        stats.unreadable = unreadable.count
        return stats
    }
}
