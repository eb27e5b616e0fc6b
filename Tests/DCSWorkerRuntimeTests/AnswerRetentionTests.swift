import DCSCatalogue
import DCSMessages
import DCSWorkers
import Foundation
import GRDB
import Testing
@testable import DCSWorkerRuntime

/// Stored answers (the dedup records) do not grow forever, and none goes while its request can
/// still come back from Kafka or before its publication was acknowledged.
@Suite("Answer retention")
struct AnswerRetentionTests {
    private static let day = 86_400.0
    private static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// A partition database with answers stored `ages` days ago (in that order, one source offset
    /// each from 0), published below `publishedOffset`.
    private func store(ages: [Double], publishedOffset: Int64?) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        PartitionStore.registerRuntimeMigrations(&migrator)
        try migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO partition_state (id, topic, partition, next_offset, owner, epoch, published_offset) VALUES (1, 't', 0, ?, 'w', 1, ?)",
                           arguments: [ages.count, publishedOffset])
            for (offset, age) in ages.enumerated() {
                try db.execute(
                    sql: "INSERT INTO processed_request (request_id, source_offset, service_id, status, result, processed_at) VALUES (?, ?, 'utilities.water.pay', 'completed', x'7b7d', ?)",
                    arguments: ["request-\(offset)", offset, Self.now.timeIntervalSince1970 - age * Self.day]
                )
            }
        }
        return queue
    }

    private func remaining(_ queue: DatabaseQueue) throws -> [Int64] {
        try queue.read { try Int64.fetchAll($0, sql: "SELECT source_offset FROM processed_request ORDER BY id") }
    }

    private func processor(retention: Duration?) throws -> RequestProcessor {
        RequestProcessor(
            handler: UtilitiesRequestHandler(), requestSchema: nil, resultsTopic: "r", resultsPartitions: 1, deadLetterTopic: "d",
            consumerGroup: "g", instanceID: "w", retryTiers: [], retry: RetryPolicy(), authenticator: nil, fieldCipher: nil,
            securityEventsTopic: "s", answerRetention: retention
        )
    }

    @Test func expiredPublishedAnswersGoAndTheRestStay() throws {
        // Offsets 0-2 expired (100, 95, 91 days), 3 young (10 days), 4 expired but unpublished.
        let queue = try store(ages: [100, 95, 91, 10, 92], publishedOffset: 4)
        let processor = try processor(retention: .seconds(90 * 86_400))
        try queue.write { try processor.forgetOldAnswers(now: Self.now, db: $0) }
        #expect(try remaining(queue) == [3, 4])
        // Published now, the expired one waits behind the young one that was stored first (one
        // seek at the oldest answer per batch), and goes with it once that one expires too.
        try queue.write { try $0.execute(sql: "UPDATE partition_state SET published_offset = 5") }
        let forget = { (days: Double) in
            try queue.write { try PartitionStore.forgetAnswers(storedBefore: Self.now.timeIntervalSince1970 - days * Self.day, limit: 1_000, db: $0) }
        }
        #expect(try forget(90) == 0)
        #expect(try forget(5) == 2)
        #expect(try remaining(queue) == [])
    }

    @Test func aBacklogGoesAChunkPerBatchAndKeepingForeverKeepsAll() throws {
        let queue = try store(ages: Array(repeating: 200, count: 2_500), publishedOffset: 2_500)
        try queue.write { try self.processor(retention: nil).forgetOldAnswers(now: Self.now, db: $0) }
        #expect(try remaining(queue).count == 2_500)
        let processor = try processor(retention: .seconds(90 * 86_400))
        var counts: [Int] = []
        for _ in 0..<3 {
            try queue.write { try processor.forgetOldAnswers(now: Self.now, db: $0) }
            counts.append(try remaining(queue).count)
        }
        #expect(counts == [1_500, 500, 0])
    }

    @Test func theRetentionMustOutlastEveryTopicARequestCanComeBackFrom() throws {
        let catalogue = try TopicCatalogue.load(directory: RuntimeFixture.topicsDirectory)
        // Shipped catalogue: requests 7 d + three retry tiers of 3 d + dead letters 30 d.
        let minimum = try #require(WorkerConfiguration.minimumAnswerRetention(catalogue: catalogue, category: .utilities))
        #expect(minimum == .seconds(46 * 86_400))
        let directory = URL(fileURLWithPath: "/nonexistent")
        for (retention, accepted) in [(WorkerConfiguration.defaultAnswerRetention, true), (minimum, true), (nil, true), (.seconds(45 * 86_400), false)] as [(Duration?, Bool)] {
            let configuration = WorkerConfiguration(category: .utilities, stateDirectory: directory, answerRetention: retention)
            if accepted {
                try configuration.checkAnswerRetention(catalogue: catalogue)
            } else {
                let error = #expect(throws: WorkerError.self) { try configuration.checkAnswerRetention(catalogue: catalogue) }
                #expect(error?.code == .configuration)
                #expect(error?.message.contains("46 days") == true, "\(error?.message ?? "")")
            }
        }
        // A dead-letter topic kept forever: so are the answers.
        let forever = try TopicCatalogue(
            topics: catalogue.topics.map { topic in
                var topic = topic
                if topic.kind == .deadLetter { topic.retentionMs = -1 }
                return topic
            },
            schemas: catalogue.schemas
        )
        #expect(WorkerConfiguration.minimumAnswerRetention(catalogue: forever, category: .utilities) == nil)
        #expect(throws: WorkerError.self) {
            try WorkerConfiguration(category: .utilities, stateDirectory: directory).checkAnswerRetention(catalogue: forever)
        }
        try WorkerConfiguration(category: .utilities, stateDirectory: directory, answerRetention: nil).checkAnswerRetention(catalogue: forever)
    }
}
