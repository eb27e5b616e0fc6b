import DCSKafka
import DCSMessages
import Foundation
import GRDB
import Logging

/// Processes one partition's messages in order: batches of messages applied in one SQLite
/// transaction (position, dedup records and answers, effects, outbox), then the answers and the
/// outbox published through the idempotent producer, then the offset stored for commit.
final class PartitionLane: Sendable {
    let store: PartitionStore
    let queue: BatchQueue<KafkaConsumerMessage>
    private let processor: RequestProcessor
    private let producer: KafkaProducer
    private let consumer: KafkaConsumer
    private let statistics: WorkerStatistics
    private let observer: (any WorkerObserver)?
    private let maxBatchSize: Int
    private let drainTimeout: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let tracker = DeliveryTracker()
    /// Signalled when ``run()`` has returned; a revoke on the poll thread waits for it.
    let finished = DispatchSemaphore(value: 0)

    init(
        store: PartitionStore, processor: RequestProcessor, producer: KafkaProducer, consumer: KafkaConsumer,
        statistics: WorkerStatistics, observer: (any WorkerObserver)?, configuration: WorkerConfiguration,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.store = store
        self.processor = processor
        self.producer = producer
        self.consumer = consumer
        self.statistics = statistics
        self.observer = observer
        self.queue = BatchQueue(capacity: configuration.laneCapacity)
        self.maxBatchSize = configuration.maxBatchSize
        self.drainTimeout = configuration.drainTimeout
        self.now = now
        var logger = logger
        logger[metadataKey: "kafka.partition"] = "\(store.partition)"
        self.logger = logger
    }

    func run() async {
        defer { finished.signal() }
        do {
            // Whatever a previous owner (or this process before a crash) committed but may not
            // have published: outbox rows, and answers past the partition's published offset.
            let pending = try store.pendingOutbox()
            let answers = try store.unpublishedResults().map(processor.republication(of:))
            if !pending.isEmpty || !answers.isEmpty {
                logger.info("Publishing records committed but not known published", metadata: [
                    "outbox.count": "\(pending.count)", "results.count": "\(answers.count)",
                ])
                try await publish(pending + answers)
            }
            if let position = store.storedPosition { tracker.sent(through: position) }
            while let batch = await queue.nextBatch(max: maxBatchSize) {
                try await publish(tracker.takeFailed())
                let started = ContinuousClock.now
                let (outbox, outcomes) = try await applyWithRetry(batch)
                let applyDuration = ContinuousClock.now - started
                statistics.record(outcomes)
                let visible = outcomes.map(WorkerOutcome.init)
                observer?.processed(visible, partition: store.partition.partition, applyDuration: applyDuration)
                let replays = zip(batch, visible).compactMap { message, outcome in
                    message.headers.contains { $0.key == MessageHeaderName.replayOf } ? outcome.label : nil
                }
                if !replays.isEmpty {
                    statistics.recordReplays(replays)
                    observer?.replayed(replays, partition: store.partition.partition)
                }
                try await publish(outbox)
                if let last = batch.last {
                    tracker.sent(through: last.offset + 1)
                    // For lag monitoring and as a fallback position; SQLite holds the real one.
                    try? consumer.storeOffsets([KafkaTopicPartitionOffset(topic: last.topic, partition: last.partition, offset: last.offset + 1)])
                    if let high = consumer.cachedHighWatermark(for: store.partition) {
                        observer?.lag(max(0, high - (last.offset + 1)), topic: last.topic, partition: last.partition)
                    }
                }
            }
        } catch let error as WorkerError where error.code == .fenced {
            statistics.recordFenced()
            queue.close(discardQueued: true)
            logger.warning("Partition fenced: another process owns it now; stopping without writing", metadata: ["worker.error": "\(error.code.rawValue)"])
            return
        } catch {
            queue.close(discardQueued: true)
            logger.error("Partition lane stopped", metadata: ["worker.error": "\(error)"])
        }
        await drain()
    }

    /// Waits for in-flight records and records what was delivered.
    private func drain() async {
        await tracker.waitUntilIdle(timeout: drainTimeout)
        do {
            try await store.recordDelivery(deleting: tracker.takeDelivered(), publishedThrough: tracker.publishedThrough)
        } catch {
            logger.notice("Delivered results stay in the outbox and will be published again by the next owner", metadata: ["worker.error": "\(error)"])
        }
    }

    /// Applies a batch; a storage failure rolls it back and tries again (never skipping a message).
    private func applyWithRetry(_ batch: [KafkaConsumerMessage]) async throws -> ([OutboxRecord], [RequestProcessor.Outcome]) {
        var delay: Duration = .milliseconds(50)
        while true {
            let delivered = tracker.takeDelivered()
            do {
                let applied = try await apply(batch, deleting: delivered, publishedThrough: tracker.publishedThrough)
                store.checkpointInBackground()
                return applied
            } catch let error as WorkerError where error.code == .fenced {
                throw error
            } catch {
                tracker.restoreDelivered(delivered)
                if Task.isCancelled { throw error }
                logger.error("Batch failed and will be retried", metadata: ["worker.error": "\(error)", "retry.in": "\(delay)"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    private func apply(
        _ batch: [KafkaConsumerMessage], deleting delivered: [Int64], publishedThrough: Int64?
    ) async throws -> ([OutboxRecord], [RequestProcessor.Outcome]) {
        let store = self.store
        let processor = self.processor
        let now = self.now
        let logger = self.logger
        return try await store.pool.writeWithoutTransaction { db in
            func attempt(isolatingRequests: Bool) throws -> ([OutboxRecord], [RequestProcessor.Outcome]) {
                var outbox: [OutboxRecord] = []
                var outcomes: [RequestProcessor.Outcome] = []
                var context = RequestProcessor.BatchContext(isolatesRequests: isolatingRequests)
                try db.inTransaction(.immediate) {
                    try store.checkOwnership(db)
                    try PartitionStore.recordDelivery(deleting: delivered, publishedThrough: publishedThrough, db: db)
                    try processor.forgetOldNonces(now: now(), db: db)
                    try processor.forgetOldAnswers(now: now(), db: db)
                    let position = try Int64.fetchOne(db.cachedStatement(sql: "SELECT next_offset FROM partition_state WHERE id = 1"))
                    let timestamp = now()
                    context.unanswered = try processor.unansweredRequestIDs(
                        in: batch.lazy.filter { message in position.map { message.offset >= $0 } ?? true }, db: db)
                    for message in batch {
                        if let position, message.offset < position {
                            outcomes.append(.alreadyApplied)
                            continue
                        }
                        outcomes.append(try processor.apply(message, now: timestamp, db: db, outbox: &outbox, batch: &context))
                    }
                    if let last = batch.last, last.offset + 1 > (position ?? -1) {
                        try db.cachedStatement(sql: "UPDATE partition_state SET next_offset = ? WHERE id = 1").execute(arguments: [last.offset + 1])
                    }
                    return .commit
                }
                return (outbox, outcomes)
            }
            do {
                return try attempt(isolatingRequests: false)
            } catch is RequestProcessor.IsolationNeeded {
                // The first pass was rolled back whole; nothing of it remains.
                logger.debug("A handler failed; applying the batch again with a savepoint per request", metadata: ["batch.size": "\(batch.count)"])
                return try attempt(isolatingRequests: true)
            }
        }
    }

    private func publish(_ records: [OutboxRecord]) async throws {
        for record in records {
            tracker.sending(record)
            do {
                try await producer.enqueue(record.message) { [tracker] result in tracker.complete(record, result) }
            } catch {
                tracker.refused(record)
                throw error
            }
        }
    }
}
