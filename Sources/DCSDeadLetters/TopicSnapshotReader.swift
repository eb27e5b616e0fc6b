import DCSKafka
import Foundation
import Logging
import Synchronization

/// Reads whole topics once, from the beginning up to the high watermark seen at start, with a
/// fresh consumer: a unique group id, nothing ever marked done, so nothing is committed and no
/// other consumer is disturbed.
///
/// The consumer polls message by message (``KafkaConsumer``); a partition is finished when the
/// reader got the record just below the first high watermark the consumer cached for it. A
/// partition whose records all expired (retention) never delivers one, so for `lenient` topics a
/// partition that stays silent for ``quietPeriod`` after its watermark is known counts as read;
/// for strict topics (the replay log, which is never deleted by retention) only reaching the
/// watermark does. The whole read is bounded by `timeout`.
struct TopicSnapshotReader: Sendable {
    var client: KafkaClientConfiguration
    var timeout: Duration
    var quietPeriod: Duration = .milliseconds(1_500)
    var logger: Logger

    /// Every record of `topics`, by topic, in partition/offset order.
    func read(topics: [String], lenient: Set<String>) async throws(DeadLetterError) -> [String: [KafkaConsumerMessage]] {
        guard !topics.isEmpty else { return [:] }
        let configuration = KafkaConsumerConfiguration(
            client: client, groupID: "dcs-dlq-reader-\(UUID().lowercasedString)", topics: topics,
            autoOffsetReset: .earliest, sessionTimeout: .seconds(10), heartbeatInterval: .seconds(1),
            autoCommitInterval: .seconds(60)
        )
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        } catch {
            throw DeadLetterError(code: .readFailed, message: "cannot create a consumer: \(error)")
        }
        let state = ReadState()
        let outcome: ReadState.Outcome = await withTaskGroup(of: ReadState.Outcome?.self) { group in
            group.addTask {
                try? await consumer.run()
                return nil
            }
            group.addTask {
                for await event in consumer.events {
                    switch event {
                    case .message(let message): state.received(message)
                    case .rebalance(.assigned(let partitions)): state.assigned(partitions)
                    case .rebalance: break
                    case .error(let error): state.failed(error)
                    }
                }
                return nil
            }
            group.addTask { [timeout, quietPeriod] in
                let clock = ContinuousClock()
                let deadline = clock.now + timeout
                var result = ReadState.Outcome.timedOut
                while clock.now < deadline {
                    if Task.isCancelled { result = .cancelled; break }
                    if let done = state.check(topics: topics, lenient: lenient, quiet: quietPeriod, now: clock.now, watermark: { consumer.cachedHighWatermark(for: $0) }) {
                        result = done
                        break
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                }
                consumer.triggerShutdown()
                return result
            }
            var outcome = ReadState.Outcome.timedOut
            for await value in group { if let value { outcome = value } }
            return outcome
        }
        switch outcome {
        case .complete:
            break
        case .missingTopics(let missing):
            throw DeadLetterError(code: .topicMissing, message: "topic(s) not found on the cluster: \(missing.sorted().joined(separator: ", "))")
        case .timedOut:
            let pending = state.pendingDescription(topics: topics)
            throw DeadLetterError(code: .readTimedOut, message: "could not read \(pending) to its end within \(timeout)\(state.lastErrorDescription)")
        case .cancelled:
            throw DeadLetterError(code: .readFailed, message: "reading was cancelled")
        }
        return state.messagesByTopic()
    }
}

/// What the reader has seen so far; shared by the event task and the watcher task.
private final class ReadState: Sendable {
    enum Outcome: Sendable { case complete, timedOut, cancelled, missingTopics(Set<String>) }

    private struct PartitionProgress {
        var end: Int64?
        var endKnownAt: ContinuousClock.Instant?
        var next: Int64 = 0
        var lastMessageAt: ContinuousClock.Instant?
    }

    private struct State {
        var assignment: [KafkaTopicPartition: PartitionProgress] = [:]
        var assignedOnce = false
        var messages: [KafkaConsumerMessage] = []
        var lastError: KafkaError?
    }

    private let state = Mutex(State())

    func received(_ message: KafkaConsumerMessage) {
        state.withLock { s in
            s.messages.append(message)
            var progress = s.assignment[message.topicPartition] ?? PartitionProgress()
            progress.next = max(progress.next, message.offset + 1)
            progress.lastMessageAt = ContinuousClock.now
            s.assignment[message.topicPartition] = progress
        }
    }

    func assigned(_ partitions: [KafkaTopicPartition]) {
        state.withLock { s in
            s.assignedOnce = true
            for p in partitions where s.assignment[p] == nil { s.assignment[p] = PartitionProgress() }
        }
    }

    func failed(_ error: KafkaError) {
        state.withLock { $0.lastError = error }
    }

    /// `nil` while reading should go on.
    func check(
        topics: [String], lenient: Set<String>, quiet: Duration, now: ContinuousClock.Instant,
        watermark: (KafkaTopicPartition) -> Int64?
    ) -> Outcome? {
        state.withLock { s in
            guard s.assignedOnce else { return nil }
            let present = Set(s.assignment.keys.map(\.topic))
            let missing = Set(topics).subtracting(present)
            if !missing.isEmpty { return .missingTopics(missing) }
            var allDone = true
            for (partition, var progress) in s.assignment {
                if progress.end == nil, let high = watermark(partition) {
                    progress.end = high
                    progress.endKnownAt = now
                    s.assignment[partition] = progress
                }
                guard let end = progress.end else { allDone = false; continue }
                if progress.next >= end { continue }
                if lenient.contains(partition.topic), let known = progress.endKnownAt,
                   now - max(known, progress.lastMessageAt ?? known) >= quiet {
                    continue
                }
                allDone = false
            }
            return allDone ? .complete : nil
        }
    }

    func pendingDescription(topics: [String]) -> String {
        state.withLock { s in
            guard s.assignedOnce else { return "\(topics.joined(separator: ", ")) (no partition was assigned)" }
            let pending = s.assignment.filter { entry in entry.value.end.map { entry.value.next < $0 } ?? true }.keys.sorted()
            let shown = pending.prefix(5).map(\.description).joined(separator: ", ")
            return pending.count > 5 ? "\(shown) and \(pending.count - 5) more partition(s)" : shown
        }
    }

    var lastErrorDescription: String {
        state.withLock { s in s.lastError.map { " (last consumer error: \($0))" } ?? "" }
    }

    func messagesByTopic() -> [String: [KafkaConsumerMessage]] {
        state.withLock { s in
            var byTopic = Dictionary(grouping: s.messages, by: \.topic)
            for (topic, list) in byTopic {
                byTopic[topic] = list.sorted { ($0.partition, $0.offset) < ($1.partition, $1.offset) }
            }
            return byTopic
        }
    }
}
