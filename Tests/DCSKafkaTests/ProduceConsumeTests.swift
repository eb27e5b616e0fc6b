import DCSKafka
import Foundation
import Testing

@Suite("Produce and consume on the embedded cluster")
struct ProduceConsumeTests {
    @Test func keysHeadersAndOrderPerPartition() async throws {
        let fixture = try KafkaFixture()
        let topic = try fixture.topic(partitions: 3)
        let producer = try fixture.producer()
        let consumer = try fixture.consumer(topics: [topic], group: fixture.uniqueName("group"))
        let messages = try await withServices([producer, consumer], logger: fixture.logger) {
            for index in 0..<30 {
                let report = try await producer.send(KafkaProducerMessage(
                    topic: topic,
                    key: "station-\(index % 3)",
                    value: Data("{\"n\":\(index)}".utf8),
                    headers: [KafkaHeader(key: "dcs-request-id", string: "req-\(index)"), KafkaHeader(key: "empty", value: nil)]
                ))
                #expect(report.topic == topic)
                #expect(report.offset >= 0)
            }
            return try await collect(consumer, count: 30)
        }
        #expect(messages.count == 30)
        // One key, one partition, in send order.
        for key in ["station-0", "station-1", "station-2"] {
            let ofKey = messages.filter { $0.keyString == key }
            #expect(ofKey.count == 10)
            #expect(Set(ofKey.map(\.partition)).count == 1)
            let numbers = ofKey.map { Int($0.value.utf8String.dropFirst(5).dropLast())! }
            #expect(numbers == numbers.sorted())
        }
        let first = try #require(messages.first { $0.value.utf8String == "{\"n\":0}" })
        #expect(first.headers.last(named: "dcs-request-id")?.stringValue == "req-0")
        #expect(first.headers.last(named: "empty")?.value == nil)
        #expect(first.timestamp != nil)
    }

    @Test func sameKeyGoesToTheSamePartitionAsJavaClients() async throws {
        // murmur2 partitioning: a fixed key maps to a fixed partition for a given partition count.
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 12, replication: 1)
        let producer = try fixture.producer()
        let partitions = try await withServices([producer], logger: fixture.logger) {
            var partitions: [Int32] = []
            for _ in 0..<3 {
                partitions.append(try await producer.send(KafkaProducerMessage(topic: topic, key: "27097", value: Data("x".utf8))).partition)
            }
            return partitions
        }
        #expect(Set(partitions).count == 1)
    }

    @Test func sendingAfterShutdownIsATypedError() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        let producer = try fixture.producer()
        try await withServices([producer], logger: fixture.logger) {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("v".utf8)))
        }
        await #expect {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("v".utf8)))
        } throws: { ($0 as? KafkaError)?.code == .shutDown }
    }

    @Test func refusedTopicFailsDeliveryWithATypedError() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        fixture.cluster.setTopicError(topic, KafkaErrorCode(rawValue: 29))  // TOPIC_AUTHORIZATION_FAILED
        let producer = try fixture.producer { $0.messageTimeout = .seconds(5) }
        try await withServices([producer], logger: fixture.logger) {
            await #expect {
                _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("v".utf8)))
            } throws: { error in
                guard let error = error as? KafkaError else { return false }
                return error.code == .deliveryFailed
            }
        }
    }

    @Test func backPressureWhenTheLocalQueueIsFull() async throws {
        // A queue of 10 messages and 500 sends: senders wait for room instead of failing.
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        let producer = try fixture.producer { $0.maxQueuedMessages = 10 }
        let delivered = try await withServices([producer], logger: fixture.logger) {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<5 {
                    group.addTask {
                        for index in 0..<100 {
                            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "\(worker)", value: Data("\(index)".utf8)))
                        }
                        return 100
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        #expect(delivered == 500)
    }

    @Test func seekRereadsAndPauseStopsFetching() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        let producer = try fixture.producer()
        let consumer = try fixture.consumer(topics: [topic], group: fixture.uniqueName("group"))
        try await withServices([producer, consumer], logger: fixture.logger) {
            for index in 0..<10 {
                _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("\(index)".utf8)))
            }
            let firstPass = try await collect(consumer, count: 10)
            #expect(firstPass.map(\.value.utf8String) == (0..<10).map(String.init))
            let partition = KafkaTopicPartition(topic: topic, partition: 0)
            #expect(try consumer.assignment() == [partition])

            try await consumer.seek([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: 5)])
            let reread = try await collect(consumer, count: 5)
            #expect(reread.map(\.offset) == [5, 6, 7, 8, 9])

            try consumer.pause([partition])
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("10".utf8)))
            try consumer.resume([partition])
            let afterResume = try await collect(consumer, count: 1)
            #expect(afterResume.first?.offset == 10)
        }
    }
}
