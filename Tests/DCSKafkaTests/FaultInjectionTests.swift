import DCSKafka
import Foundation
import Testing

@Suite("Delivery under injected faults")
struct FaultInjectionTests {
    @Test func retriableProduceErrorsAreRetriedWithoutDuplicates() async throws {
        let fixture = try KafkaFixture()
        let topic = try fixture.topic(partitions: 1)
        // The next produce requests fail with retriable errors; the idempotent producer retries.
        fixture.cluster.pushRequestErrors(.produce, [
            .notLeaderForPartition, .requestTimedOut, .notEnoughReplicas, .notEnoughReplicasAfterAppend,
        ])
        let producer = try fixture.producer()
        let consumer = try fixture.consumer(topics: [topic], group: fixture.uniqueName("group"))
        let received = try await withServices([producer, consumer], logger: fixture.logger) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("\(index)".utf8)))
                    }
                }
                try await group.waitForAll()
            }
            return try await collect(consumer, count: 50)
        }
        let values = received.map(\.value.utf8String)
        #expect(values.count == 50)
        #expect(Set(values).count == 50, "no duplicates")
        #expect(received.map(\.offset) == (0..<50).map(Int64.init), "one record per message")
    }

    @Test func deliveryResumesAfterTheLeaderWasDownForSeconds() async throws {
        let fixture = try KafkaFixture()
        let topic = try fixture.topic(partitions: 1)
        try fixture.cluster.setPartitionLeader(topic, partition: 0, brokerID: 1)
        let producer = try fixture.producer()
        let consumer = try fixture.consumer(topics: [topic], group: fixture.uniqueName("group"))
        let received = try await withServices([producer, consumer], logger: fixture.logger) {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("before".utf8)))
            try fixture.cluster.setBrokerDown(1)
            let sends = Task {
                try await withThrowingTaskGroup(of: KafkaDeliveryReport.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("during-\(index)".utf8)))
                        }
                    }
                    return try await group.reduce(into: [KafkaDeliveryReport]()) { $0.append($1) }
                }
            }
            // The outage itself is the scenario: three seconds with the partition leader down.
            try await Task.sleep(for: .seconds(3))
            try fixture.cluster.setBrokerUp(1)
            let reports = try await sends.value
            #expect(reports.count == 20)
            return try await collect(consumer, count: 21)
        }
        let values = received.map(\.value.utf8String)
        #expect(values.first == "before")
        #expect(values.count == 21, "no duplicates")
        #expect(Set(values.dropFirst()) == Set((0..<20).map { "during-\($0)" }))
    }

    @Test func slowBrokersStillDeliver() async throws {
        let fixture = try KafkaFixture(brokers: 1)
        let topic = try fixture.topic(partitions: 1, replication: 1)
        try fixture.cluster.setRoundTripTime(1, .milliseconds(300))
        let producer = try fixture.producer()
        let report = try await withServices([producer], logger: fixture.logger) {
            try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Data("slow".utf8)))
        }
        #expect(report.offset == 0)
    }
}
