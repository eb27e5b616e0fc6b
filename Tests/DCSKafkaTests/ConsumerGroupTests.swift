import DCSKafka
import Foundation
import Synchronization
import Testing

@Suite("Consumer groups and offsets on the embedded cluster")
struct ConsumerGroupTests {
    @Test func twoConsumersSharePartitionsAndARebalanceLosesNothing() async throws {
        let fixture = try KafkaFixture()
        let topic = try fixture.topic(partitions: 6)
        let group = fixture.uniqueName("group")
        let producer = try fixture.producer()
        let first = try fixture.consumer(topics: [topic], group: group)
        let second = try fixture.consumer(topics: [topic], group: group)
        let seen = SeenMessages()
        let drain = { @Sendable (consumer: KafkaConsumer, target: Int) async throws -> [KafkaRebalanceEvent] in
            try await seen.drain(consumer, until: target)
        }

        try await withServices([producer, first], logger: fixture.logger) {
            for index in 0..<60 {
                _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "s\(index)", value: Data("m\(index)".utf8)))
            }
            // The first consumer alone owns all six partitions and reads the first batch.
            let firstEvents = try await drain(first, 60)
            #expect(firstEvents.first == .assigned((0..<6).map { KafkaTopicPartition(topic: topic, partition: $0) }))
            try await first.commit()

            // A second member joins: a rebalance splits the partitions; more messages arrive.
            try await withServices([second], logger: fixture.logger) {
                // The group has rebalanced once the newcomer owns partitions.
                try await withDeadline(.seconds(60), "the second member's assignment") {
                    for await event in second.events {
                        if case .rebalance(.assigned(let partitions)) = event, !partitions.isEmpty { return }
                    }
                }
                for index in 60..<120 {
                    _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "s\(index)", value: Data("m\(index)".utf8)))
                }
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { _ = try await drain(first, 120) }
                    tasks.addTask { _ = try await drain(second, 120) }
                    // Whichever consumer sees the 120th distinct message ends; stop the other.
                    try await tasks.next()
                    tasks.cancelAll()
                }
                let firstOwns = try first.assignment()
                let secondOwns = try second.assignment()
                #expect(firstOwns.count + secondOwns.count == 6)
                #expect(Set(firstOwns).isDisjoint(with: secondOwns))
                #expect(!secondOwns.isEmpty)
            }
        }
        let counts = seen.counts.withLock { $0 }
        #expect(counts.count == 120, "every message was consumed")
        #expect(counts.keys.allSatisfy { $0.hasPrefix("m") })
    }

    @Test func aConsumerThatStopsBeforeMarkingDoneLeavesTheMessageForTheNext() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        let group = fixture.uniqueName("group")
        let producer = try fixture.producer()
        try await withServices([producer], logger: fixture.logger) {
            for index in 0..<10 {
                _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("\(index)".utf8)))
            }
        }

        // First consumer: reads all ten, finishes only the first four, then stops.
        let crashing = try fixture.consumer(topics: [topic], group: group)
        try await withServices([crashing], logger: fixture.logger) {
            let messages = try await collect(crashing, count: 10, markDone: false)
            for message in messages.prefix(4) { try crashing.markDone(message) }
        }

        // Second consumer of the same group resumes at the first unfinished message.
        let next = try fixture.consumer(topics: [topic], group: group)
        let redelivered = try await withServices([next], logger: fixture.logger) {
            try await collect(next, count: 6)
        }
        #expect(redelivered.map(\.value.utf8String) == ["4", "5", "6", "7", "8", "9"])

        // And it committed its own progress on close.
        let check = try fixture.consumer(topics: [topic], group: group)
        let committed = try await check.committedOffsets(for: [KafkaTopicPartition(topic: topic, partition: 0)])
        #expect(committed.first?.offset == 10)
    }

    @Test func markingDoneAfterLosingThePartitionIsRefused() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        let producer = try fixture.producer()
        let consumer = try fixture.consumer(topics: [topic], group: fixture.uniqueName("group"))
        let message = try await withServices([producer, consumer], logger: fixture.logger) {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("x".utf8)))
            return try await collect(consumer, count: 1, markDone: false)[0]
        }
        // The consumer has closed: the partition is no longer assigned.
        #expect {
            try consumer.markDone(message)
        } throws: { ($0 as? KafkaError)?.code == .invalidState }
    }

    @Test func rebalanceListenerRunsBeforeTheHandOver() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 2, replication: 1)
        let events = Mutex<[KafkaRebalanceEvent]>([])
        let consumer = try fixture.consumer(topics: [topic], group: fixture.uniqueName("group")) { event in
            events.withLock { $0.append(event) }
        }
        try await withServices([consumer], logger: fixture.logger) {
            for await event in consumer.events {
                if case .rebalance(.assigned) = event { break }
            }
        }
        let partitions = (0..<2).map { KafkaTopicPartition(topic: topic, partition: Int32($0)) }
        #expect(events.withLock { $0 } == [.assigned(partitions), .revoked(partitions)])
    }
}

/// Distinct message values seen by any consumer of a test, with how often each was seen.
final class SeenMessages: Sendable {
    let counts = Mutex<[String: Int]>([:])

    /// Reads and marks done until `target` distinct messages were seen; returns the rebalances met.
    func drain(_ consumer: KafkaConsumer, until target: Int) async throws -> [KafkaRebalanceEvent] {
        var rebalances: [KafkaRebalanceEvent] = []
        for await event in consumer.events {
            switch event {
            case .message(let message):
                try consumer.markDone(message)
                let total = counts.withLock { counts in
                    counts[message.value.utf8String, default: 0] += 1
                    return counts.count
                }
                if total >= target { return rebalances }
            case .rebalance(let rebalance):
                rebalances.append(rebalance)
            case .error:
                continue
            }
        }
        return rebalances
    }
}
